import { demoCareProviders, demoStaff } from '../domain/seed-data.ts';
import type { StaffMemberInput } from '../domain/model/staff-member.ts';
import type { SamlTestPerson } from '../config/sections/saml-test-people.ts';
import type { DevPerson } from '../login/dev-login/dev-login-method.ts';
import type { Text } from '../web/language.ts';

/**
 * The simulators' test people are the seeded demo staff, so a demo login through any
 * simulated eID reaches a registered person (or, for the veterinary practice, the
 * expired-declaration refusal). One source of people: src/domain/seed-data.ts.
 */
const withNumber = demoStaff.filter(
  (person) => person.personalIdentityNumber ?? person.coordinationNumber,
);
const numberOf = (person: StaffMemberInput) =>
  (person.personalIdentityNumber ?? person.coordinationNumber) as string;

export const demoBankIdPeople = withNumber.map((person) => ({
  personalNumber: numberOf(person),
  givenName: person.givenName,
  surname: person.familyName,
}));

export const demoFrejaPeople = withNumber.map((person) => ({
  ssn: numberOf(person),
  givenName: person.givenName,
  surname: person.familyName,
  registrationLevel: 'PLUS' as const,
}));

export function demoDevPeople(): DevPerson[] {
  return demoStaff.map((person, index) => ({
    key: `demo-${index}`,
    label: {
      sv: `${person.givenName} ${person.familyName}${describeEngagements(person).sv}`,
      en: `${person.givenName} ${person.familyName}${describeEngagements(person).en}`,
    },
    givenName: person.givenName,
    familyName: person.familyName,
    ...(person.personalIdentityNumber && { personalIdentityNumber: person.personalIdentityNumber }),
    ...(person.coordinationNumber && { coordinationNumber: person.coordinationNumber }),
    ...(!person.personalIdentityNumber &&
      !person.coordinationNumber && { employeeHsaId: person.engagements?.[0]?.employeeHsaId }),
  }));
}

/** Two SAML people: Anna as Inera's IdP sends her (Sambi), Bertil as Sweden Connect does. */
export function demoSamlPeople(): SamlTestPerson[] {
  const anna = demoStaff[0]!;
  const region = anna.engagements![0]!;
  const bertil = demoStaff[1]!;
  return [
    {
      id: 'inera-anna',
      style: 'inera',
      personalIdentityNumber: anna.personalIdentityNumber!,
      givenName: anna.givenName,
      surname: anna.familyName,
      loa: 'http://id.sambi.se/loa/loa3',
      employeeHsaId: region.employeeHsaId,
      personalPrescriptionCode: region.personalPrescriptionCode,
      healthcareProfessionalLicense: region.healthcareProfessionalLicenses ?? [],
      systemRole: region.systemRoles ?? [],
      commissions: (region.commissions ?? []).map((commission) => ({
        commissionHsaId: commission.commissionHsaId,
        commissionName: commission.name,
        commissionPurpose: commission.purpose,
        commissionRight: [],
        healthCareUnitHsaId: commission.careUnitHsaId,
        healthCareUnitName: commission.careUnitName,
        healthCareProviderHsaId: commission.careProviderHsaId,
        healthCareProviderName: commission.careProviderName,
      })),
    },
    {
      id: 'sweden-connect-bertil',
      style: 'sweden-connect',
      personalIdentityNumber: bertil.personalIdentityNumber!,
      givenName: bertil.givenName,
      surname: bertil.familyName,
      loa: 'http://id.elegnamnden.se/loa/1.0/loa3',
      healthcareProfessionalLicense: [],
      systemRole: [],
      commissions: [],
    },
  ];
}

function describeEngagements(person: StaffMemberInput): Text {
  const count = person.engagements?.length ?? 0;
  const commissions =
    person.engagements?.reduce((sum, e) => sum + (e.commissions?.length ?? 0), 0) ?? 0;
  const expired = person.engagements?.some(
    (engagement) =>
      demoCareProviders.find((provider) => provider.key === engagement.careProviderId)
        ?.declaration === 'expired',
  );
  if (expired) {
    return {
      sv: ' (vårdgivare med utgången självdeklaration: nekas)',
      en: ' (care provider with an expired self-declaration: refused)',
    };
  }
  if (!person.personalIdentityNumber && !person.coordinationNumber) {
    return { sv: ' (endast HSA-id)', en: ' (HSA-ID only)' };
  }
  if (person.coordinationNumber)
    return { sv: ' (samordningsnummer)', en: ' (coordination number)' };
  if (count > 1 || commissions > 1) {
    return {
      sv: ` (${count} vårdgivare, ${commissions} uppdrag)`,
      en: ` (${count} care providers, ${commissions} commissions)`,
    };
  }
  return { sv: '', en: '' };
}
