import type { Text } from '../../web/language.ts';
import type { FrejaRequestRecord } from './freja-requests.ts';

export const frejaTexts = {
  label: { sv: 'Freja eID+', en: 'Freja eID+' },
  title: { sv: 'Logga in med Freja eID+', en: 'Log in with Freja eID+' },
  qrAlt: {
    sv: 'QR-kod att skanna med Freja eID-appen',
    en: 'QR code to scan with the Freja eID app',
  },
  sameDevice: { sv: 'Öppna Freja eID på den här enheten', en: 'Open Freja eID on this device' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  continue: { sv: 'Fortsätt', en: 'Continue' },
  timeLeft: { sv: 'Tid kvar', en: 'Time left' },
  noScript: {
    sv: 'Godkänn i appen och tryck sedan på Fortsätt.',
    en: 'Approve in the app, then press Continue.',
  },
} satisfies Record<string, Text>;

const progress: Record<string, Text> = {
  starting: { sv: 'Startar Freja eID …', en: 'Starting Freja eID …' },
  STARTED: {
    sv: 'Skanna QR-koden med Freja eID-appen, eller öppna appen på den här enheten.',
    en: 'Scan the QR code with the Freja eID app, or open the app on this device.',
  },
  DELIVERED_TO_MOBILE: {
    sv: 'Bekräfta inloggningen i Freja eID-appen.',
    en: 'Confirm the login in the Freja eID app.',
  },
  approved: { sv: 'Inloggningen är godkänd.', en: 'The login is approved.' },
  completed: { sv: 'Inloggningen är redan slutförd.', en: 'The login is already completed.' },
};

const failures: Record<string, Text> = {
  user_cancelled: { sv: 'Du avbröt inloggningen.', en: 'You cancelled the login.' },
  CANCELED: {
    sv: 'Inloggningen avbröts i Freja eID-appen.',
    en: 'The login was cancelled in the Freja eID app.',
  },
  RP_CANCELED: { sv: 'Inloggningen avbröts.', en: 'The login was cancelled.' },
  EXPIRED: {
    sv: 'Tiden för inloggningen gick ut.',
    en: 'The time for the login ran out.',
  },
  no_answer: {
    sv: 'Tiden för inloggningen gick ut.',
    en: 'The time for the login ran out.',
  },
  REJECTED: {
    sv: 'Freja eID avvisade inloggningen.',
    en: 'Freja eID rejected the login.',
  },
  code_2000: {
    sv: 'Freja eID avvisade inloggningen. Pågår redan en annan inloggning med Freja eID?',
    en: 'Freja eID refused the login. Is another Freja eID login already in progress?',
  },
  upstream_unavailable: {
    sv: 'Freja eID svarar inte just nu. Försök igen senare.',
    en: 'Freja eID is not answering right now. Please try again later.',
  },
};

const refused: Text = {
  sv: 'Svaret från Freja eID kunde inte godtas.',
  en: 'The answer from Freja eID could not be accepted.',
};

/** The sentence shown for a flow row, in the person's language. */
export function statusText(record: FrejaRequestRecord | null, language: 'sv' | 'en'): string {
  if (!record) return failures.EXPIRED![language];
  if (record.state === 'failed') {
    return (failures[record.failure?.reason ?? ''] ?? refused)[language];
  }
  if (record.state === 'pending')
    return (progress[record.frejaStatus ?? 'STARTED'] ?? progress.STARTED!)[language];
  return progress[record.state]![language];
}
