import type { Language, Text } from '../../web/language.ts';
import type { RefusalRule } from './types.ts';

const askAdmin = { sv: 'Kontakta din administratör.', en: 'Contact your administrator.' };

/** What the refusal page tells the person, per rule; says whom to contact, not internals. */
export const refusalTexts: Record<RefusalRule, Text> = {
  not_registered: {
    sv: 'Du är inte registrerad hos någon vårdgivare som använder den här inloggningen.',
    en: 'You are not registered with any care provider that uses this login.',
  },
  licence_inactive: {
    sv: `Din vårdgivares licens gäller inte just nu. ${askAdmin.sv}`,
    en: `Your care provider's licence is not valid at the moment. ${askAdmin.en}`,
  },
  method_not_allowed: {
    sv: 'Din vårdgivare tillåter inte den här inloggningsmetoden. Välj en annan metod.',
    en: 'Your care provider does not allow this login method. Choose another method.',
  },
  seats_exceeded: {
    sv: `Din vårdgivare har fler aktiva användare än licensen medger. ${askAdmin.sv}`,
    en: `Your care provider has more active users than its licence allows. ${askAdmin.en}`,
  },
  declaration_missing_or_expired: {
    sv: `Din vårdgivares självdeklaration saknas eller har gått ut. ${askAdmin.sv}`,
    en: `Your care provider's self-declaration is missing or has expired. ${askAdmin.en}`,
  },
};

export function refusalText(rule: RefusalRule, language: Language): string {
  return refusalTexts[rule][language];
}
