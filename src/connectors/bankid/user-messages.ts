import type { Text } from '../../web/language.ts';

/** A status text for the person, tagged with the BankID recommended-message id it follows. */
export interface UserMessage {
  /** e.g. `RFA9`; absent where BankID recommends no specific message. */
  rfa?: string;
  text: Text;
}

// Brygga's own wording of BankID's recommended user messages (RFA1–RFA23, upstreams §1.9).
const rfa = {
  RFA1: { sv: 'Starta BankID-appen.', en: 'Start your BankID app.' },
  RFA3: {
    sv: 'Åtgärden avbröts. Försök igen.',
    en: 'The action was cancelled. Please try again.',
  },
  RFA4: {
    sv: 'En identifiering eller underskrift för det här personnumret pågår redan. Försök igen.',
    en:
      'An identification or signing for this personal number is already in ' +
      'progress. Please try again.',
  },
  RFA5: { sv: 'Internt tekniskt fel. Försök igen.', en: 'Internal error. Please try again.' },
  RFA6: { sv: 'Åtgärden avbröts.', en: 'Action cancelled.' },
  RFA8: {
    sv:
      'BankID-appen svarar inte. Kontrollera att den är startad och att ' +
      'enheten har internet. Saknar du BankID kan du skaffa ett hos din bank. ' +
      'Försök sedan igen.',
    en:
      'The BankID app is not responding. Check that it is running and that ' +
      'the device is online. If you have no BankID, get one from your bank. ' +
      'Then try again.',
  },
  RFA9: {
    sv: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera.',
    en: 'Enter your security code in the BankID app and select Identify.',
  },
  RFA13: { sv: 'Försöker starta BankID-appen.', en: 'Trying to start your BankID app.' },
  RFA15A: {
    sv:
      'Söker efter BankID. Kontrollera att du har ett giltigt BankID på den ' +
      'här datorn; har du BankID på kort, sätt in kortet i läsaren.',
    en:
      'Searching for BankID. Make sure you have a valid BankID on this ' +
      'computer; if it is on a card, insert the card in the reader.',
  },
  RFA15B: {
    sv: 'Söker efter BankID. Kontrollera att du har ett giltigt BankID på den här enheten.',
    en: 'Searching for BankID. Make sure you have a valid BankID on this device.',
  },
  RFA16: {
    sv:
      'Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID ' +
      'eller skaffa ett nytt hos din bank.',
    en: 'Your BankID is too old or blocked. Use another BankID or get a new one from your bank.',
  },
  RFA17A: {
    sv:
      'BankID-appen verkar inte finnas på den här enheten. Installera den och ' +
      'skaffa ett BankID hos din bank.',
    en:
      'The BankID app does not seem to be on this device. Install it and get ' +
      'a BankID from your bank.',
  },
  RFA17B: {
    sv: 'Det gick inte att läsa QR-koden. Starta BankID-appen och skanna koden igen.',
    en: 'The QR code could not be read. Start the BankID app and scan the code again.',
  },
  RFA21: {
    sv: 'Identifiering eller underskrift pågår.',
    en: 'Identification or signing in progress.',
  },
  RFA22: { sv: 'Okänt fel. Försök igen.', en: 'Unknown error. Please try again.' },
  RFA23: {
    sv: 'Fotografera och läs av din ID-handling med BankID-appen.',
    en: 'Photograph and scan your ID document with the BankID app.',
  },
} satisfies Record<string, Text>;

type RfaId = keyof typeof rfa;

const own = {
  userCallConfirm: {
    sv: 'Bekräfta i BankID-appen att du pratar med oss i telefon.',
    en: 'Confirm in the BankID app that you are on a call with us.',
  },
  userDeclinedCall: {
    sv: 'Du angav att du inte pratar med oss i telefon. Åtgärden avbröts.',
    en: 'You said you are not on a call with us. The action was cancelled.',
  },
  notSupportedByUserApp: {
    sv: 'Din BankID-app behöver uppdateras. Uppdatera den och försök igen.',
    en: 'Your BankID app needs an update. Update it and try again.',
  },
  riskBlocked: {
    sv: 'Inloggningen stoppades av säkerhetsskäl. Försök igen senare eller kontakta din bank.',
    en: 'The login was stopped for security reasons. Try again later or contact your bank.',
  },
} satisfies Record<string, Text>;

/** Where the BankID app was started from: matters for RFA13/RFA1 and RFA17A/RFA17B. */
export interface MessageContext {
  autostart: boolean;
  mobile?: boolean;
}

/** Every hint code BankID RP API v6 /collect documents, for completeness checks. */
export const pendingHintCodes = [
  'outstandingTransaction',
  'noClient',
  'started',
  'userMrtd',
  'userCallConfirm',
  'userSign',
] as const;
export const failedHintCodes = [
  'expiredTransaction',
  'certificateErr',
  'userCancel',
  'cancelled',
  'startFailed',
  'userDeclinedCall',
  'notSupportedByUserApp',
  'transactionRiskBlocked',
] as const;
export const errorCodes = [
  'alreadyInProgress',
  'invalidParameters',
  'unauthorized',
  'notFound',
  'methodNotAllowed',
  'requestTimeout',
  'unsupportedMediaType',
  'tooManyRequests',
  'internalError',
  'maintenance',
] as const;

/** The message for a /collect answer; an unknown hint code gets RFA21 / RFA22. */
export function hintMessage(
  status: 'pending' | 'failed',
  hintCode: string,
  context: MessageContext,
): UserMessage {
  if (status === 'pending') {
    switch (hintCode) {
      case 'outstandingTransaction':
        return of(context.autostart ? 'RFA13' : 'RFA1');
      case 'noClient':
        return of('RFA1');
      case 'started':
        return of(context.mobile ? 'RFA15B' : 'RFA15A');
      case 'userMrtd':
        return of('RFA23');
      case 'userSign':
        return of('RFA9');
      case 'userCallConfirm':
        return { text: own.userCallConfirm };
      default:
        return of('RFA21');
    }
  }
  switch (hintCode) {
    case 'expiredTransaction':
      return of('RFA8');
    case 'certificateErr':
      return of('RFA16');
    case 'userCancel':
      return of('RFA6');
    case 'cancelled':
      return of('RFA3');
    case 'startFailed':
      return of(context.autostart ? 'RFA17A' : 'RFA17B');
    case 'userDeclinedCall':
      return { text: own.userDeclinedCall };
    case 'notSupportedByUserApp':
      return { text: own.notSupportedByUserApp };
    case 'transactionRiskBlocked':
      return { text: own.riskBlocked };
    default:
      return of('RFA22');
  }
}

/** The message for a BankID error response (Errors table); unknown codes get RFA22. */
export function errorMessage(errorCode: string | undefined): UserMessage {
  switch (errorCode?.toLowerCase()) {
    case 'alreadyinprogress':
      return of('RFA4');
    // Brygga's own mistakes (bad request, certificate, path): not shown as a BankID error.
    case 'invalidparameters':
    case 'unauthorized':
    case 'notfound':
    case 'methodnotallowed':
    case 'unsupportedmediatype':
    case 'requesttimeout':
    case 'toomanyrequests':
    case 'internalerror':
    case 'maintenance':
    case 'network':
      return of('RFA5');
    default:
      return of('RFA22');
  }
}

/** Brygga refused the login because of the risk BankID reported. */
export function riskRefusedMessage(): UserMessage {
  return { text: own.riskBlocked };
}

function of(id: RfaId): UserMessage {
  return { rfa: id, text: rfa[id] };
}
