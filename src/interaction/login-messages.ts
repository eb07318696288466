import type { ErrorCode } from '../errors/codes.ts';
import type { Text } from '../web/language.ts';
import { refusalTexts } from '../login/policy/index.ts';

/** What a person is told when a login ends without success, per Brygga error code. */
const failureMessages: Partial<Record<ErrorCode, Text>> = {
  login_cancelled: { sv: 'Inloggningen avbröts.', en: 'The login was cancelled.' },
  login_failed: {
    sv: 'Inloggningen misslyckades. Försök igen.',
    en: 'The login failed. Please try again.',
  },
  login_refused: {
    sv: 'Du kan inte logga in till tjänsten via Brygga.',
    en: 'You cannot log in to the service through Brygga.',
  },
  interaction_expired: {
    sv: 'Inloggningen har gått ut. Börja om från tjänsten.',
    en: 'The login has expired. Please start again from the service.',
  },
  method_not_available: {
    sv: 'Inloggningsmetoden är inte tillgänglig.',
    en: 'The login method is not available.',
  },
  unmet_authentication_requirements: {
    sv: 'Tjänsten kräver en högre tillitsnivå än inloggningen gav.',
    en: 'The service requires a higher level of assurance than the login gave.',
  },
  upstream_unavailable: {
    sv: 'E-legitimationstjänsten svarar inte just nu. Försök igen om en stund.',
    en: 'The e-identification service is not answering. Please try again shortly.',
  },
  upstream_error: {
    sv: 'E-legitimationstjänsten gav ett fel. Försök igen.',
    en: 'The e-identification service returned an error. Please try again.',
  },
  upstream_rejected: {
    sv: 'E-legitimationstjänsten godkände inte inloggningen.',
    en: 'The e-identification service did not approve the login.',
  },
  saml_invalid: {
    sv: 'Svaret från identitetsutfärdaren kunde inte godtas.',
    en: 'The answer from the identity provider could not be accepted.',
  },
  certificate_missing: {
    sv: 'Inget SITHS-kort hittades. Sätt i kortet, välj certifikatet när webbläsaren frågar och försök igen.',
    en: 'No SITHS card was found. Insert the card, choose its certificate when the browser asks, and try again.',
  },
  certificate_invalid: {
    sv: 'Ditt SITHS-kort kunde inte godtas.',
    en: 'Your SITHS card could not be accepted.',
  },
};

export function isKnownFailureCode(code: string): code is ErrorCode {
  // Own keys only: `toString` or `__proto__` from a query string is not a code.
  return Object.hasOwn(failureMessages, code);
}

export function failureMessage(code: ErrorCode): Text {
  return failureMessages[code] ?? (failureMessages.login_failed as Text);
}

/** The policy's own text for a refusal rule (one wording, in src/login/policy). */
export function refusalMessage(rule: string): Text {
  return Object.hasOwn(refusalTexts, rule)
    ? (refusalTexts as Record<string, Text>)[rule]!
    : (failureMessages.login_refused as Text);
}
