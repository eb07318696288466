import { createHash } from 'node:crypto';
import type { FrejaTestPerson } from '../../config/sections/freja.ts';
import type { RegistrationLevel } from './model.ts';

/** Attribute names a relying party may ask for (upstreams.md §2.4). */
export const knownAttributes: ReadonlySet<string> = new Set([
  'BASIC_USER_INFO',
  'SSN',
  'DATE_OF_BIRTH',
  'AGE',
  'GENDER',
  'EMAIL_ADDRESS',
  'ALL_EMAIL_ADDRESSES',
  'ALL_PHONE_NUMBERS',
  'RELYING_PARTY_USER_ID',
  'INTEGRATOR_SPECIFIC_USER_ID',
  'CUSTOM_IDENTIFIER',
  'REGISTRATION_LEVEL',
  'LOA_LEVEL',
  'UNIQUE_PERSONAL_IDENTIFIER',
  'ADDRESSES',
  'DOCUMENT',
  'PHOTO',
  'DOCUMENT_PHOTO',
  'NFC_ID_PHOTO',
  'NETWORK_INFO',
  'ORGANISATION_ID',
  'ORGANISATION_ID_IDENTIFIER',
  'COVID_CERTIFICATES',
  'DOCUMENT_INFO_WITH_PDF',
  'CHILDREN_DOCUMENT_INFO_WITH_PDF',
]);

/** Identity attributes Freja only returns for EXTENDED or PLUS registrations (§2.3). */
export const identityAttributes: ReadonlySet<string> = new Set([
  'BASIC_USER_INFO',
  'SSN',
  'DATE_OF_BIRTH',
  'AGE',
  'GENDER',
]);

const loaLevels: Record<RegistrationLevel, string> = {
  BASIC: 'LOA1',
  EXTENDED: 'LOA2',
  PLUS: 'LOA3',
};

/**
 * The `requestedAttributes` object for an approved request (F-JAVA RequestedAttributes).
 * Attributes the simulator has no data for are left out, as Freja does for missing data.
 */
export function buildRequestedAttributes(
  person: FrejaTestPerson,
  requested: readonly string[],
  now: number,
): Record<string, unknown> {
  const birthDate = dateOfBirth(person.ssn);
  const values: Record<string, () => [string, unknown] | undefined> = {
    BASIC_USER_INFO: () => ['basicUserInfo', { name: person.givenName, surname: person.surname }],
    SSN: () => ['ssn', { ssn: person.ssn, country: 'SE' }],
    DATE_OF_BIRTH: () => ['dateOfBirth', birthDate],
    AGE: () => ['age', ageAt(birthDate, now)],
    EMAIL_ADDRESS: () => (person.email ? ['emailAddress', person.email] : undefined),
    REGISTRATION_LEVEL: () => ['registrationLevel', person.registrationLevel],
    LOA_LEVEL: () => ['loaLevel', loaLevels[person.registrationLevel]],
    RELYING_PARTY_USER_ID: () => ['relyingPartyUserId', digest(`rp:${person.ssn}`)],
    UNIQUE_PERSONAL_IDENTIFIER: () => ['uniquePersonalIdentifier', digest(`upi:${person.ssn}`)],
  };

  const attributes: Record<string, unknown> = {};
  for (const name of requested) {
    const entry = values[name]?.();
    if (entry) attributes[entry[0]] = entry[1];
  }
  return attributes;
}

/** YYYY-MM-DD; a samordningsnummer carries the day of birth + 60 (SKV 707). */
function dateOfBirth(ssn: string): string {
  const day = Number(ssn.slice(6, 8));
  const realDay = day > 60 ? day - 60 : day;
  return `${ssn.slice(0, 4)}-${ssn.slice(4, 6)}-${String(realDay).padStart(2, '0')}`;
}

function ageAt(birthDate: string, now: number): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const today = new Date(now);
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month ||
    (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
