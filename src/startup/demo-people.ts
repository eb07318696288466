import { demoCareProviders, demoStaff } from '../domain/seed-data.ts';
import type { StaffMemberInput } from '../domain/model/staff-member.ts';
import type { SamlTestPerson } from '../config/sections/saml-test-people.ts';
import type { DevPerson } from '../login/dev-login/dev-login-method.ts';

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
    label: `${person.givenName} ${person.familyName}${describeEngagements(person)}`,
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

function describeEngagements(person: StaffMemberInput): string {
  const count = person.engagements?.length ?? 0;
  const commissions =
    person.engagements?.reduce((sum, e) => sum + (e.commissions?.length ?? 0), 0) ?? 0;
  const expired = person.engagements?.some(
    (engagement) =>
      demoCareProviders.find((provider) => provider.key === engagement.careProviderId)
        ?.declaration === 'expired',
  );
  if (expired) return ' (care provider with an expired self-declaration: refused)';
  if (!person.personalIdentityNumber && !person.coordinationNumber) return ' (HSA-ID only)';
  return count > 1 || commissions > 1
    ? ` (${count} care providers, ${commissions} commissions)`
    : '';
}
