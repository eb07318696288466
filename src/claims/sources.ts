import type { CareProvider } from '../domain/model/care-provider.ts';
import type { Commission, StaffMember } from '../domain/model/staff-member.ts';
import { parseIdentityNumber } from '../domain/validation/identity-number.ts';
import type { LoginContext } from './login-context.ts';
import type { Attributes } from './vocabulary.ts';

/** Each function maps one source into the vocabulary; precedence.ts orders them. */

/** The person as the e-identity (BankID, Freja, SITHS, SAML IdP) asserted them. */
export function personFromUpstream(login: LoginContext): Partial<Attributes> {
  return {
    personalIdentityNumber: login.personalIdentityNumber,
    coordinationNumber: login.coordinationNumber,
    givenName: login.givenName,
    familyName: login.familyName,
    displayName: login.displayName,
    birthdate: login.birthdate,
  };
}

/** The person as the operator registered them (fills gaps, e.g. a SITHS card login). */
export function personFromStaff(staff: StaffMember | null): Partial<Attributes> {
  if (!staff) return {};
  // One identity number only: OS-CLAIMS §3.2 makes the two mutually exclusive.
  const number = staff.personalIdentityNumber
    ? { personalIdentityNumber: staff.personalIdentityNumber }
    : { coordinationNumber: staff.coordinationNumber };
  return { ...number, givenName: staff.givenName, familyName: staff.familyName };
}

export function birthdateFromNumber(
  login: LoginContext,
  staff: StaffMember | null,
): Partial<Attributes> {
  const number =
    login.personalIdentityNumber ??
    login.coordinationNumber ??
    staff?.personalIdentityNumber ??
    staff?.coordinationNumber;
  const parsed = number ? parseIdentityNumber(number) : undefined;
  return parsed?.ok ? { birthdate: parsed.value.birthdate } : {};
}

/** What the person is at the chosen care provider, from the operator's records. */
export function healthcareFromStaff(
  staff: StaffMember | null,
  careProviderId: string | undefined,
): Partial<Attributes> {
  const engagement = staff?.engagements.find((e) => e.careProviderId === careProviderId);
  if (!engagement) return {};
  return {
    employeeHsaId: engagement.employeeHsaId,
    personalPrescriptionCode: engagement.personalPrescriptionCode,
    groupPrescriptionCodes: engagement.groupPrescriptionCodes,
    healthcareProfessionalLicenses: engagement.healthcareProfessionalLicenses,
    licenseIdentityNumber: engagement.licenseIdentityNumber,
    paTitleCodes: engagement.paTitleCodes,
    systemRoles: engagement.systemRoles,
  };
}

/** Healthcare attributes a SAML IdP asserted (Sambi, Inera IdP). */
export function healthcareFromUpstream(login: LoginContext): Partial<Attributes> {
  const asserted = login.asserted;
  if (!asserted) return {};
  return {
    employeeHsaId: asserted.employeeHsaId?.toUpperCase(),
    personalPrescriptionCode: asserted.personalPrescriptionCode,
    groupPrescriptionCodes: asserted.groupPrescriptionCodes,
    healthcareProfessionalLicenses: asserted.healthcareProfessionalLicenses,
    licenseIdentityNumber: asserted.healthcareProfessionalLicenseIdentityNumber,
    paTitleCodes: asserted.paTitleCodes,
    systemRoles: asserted.systemRoles,
  };
}

export function organisationFromCareProvider(
  careProvider: CareProvider | null,
): Partial<Attributes> {
  if (!careProvider) return {};
  return {
    orgNumber: careProvider.orgNumber,
    orgName: careProvider.name,
    healthCareProviderHsaId: careProvider.hsaId,
    healthCareProviderName: careProvider.name,
    ...(careProvider.kind === 'pharmacy' && { pharmacyIdentifier: careProvider.gln }),
  };
}

export function organisationFromUpstream(login: LoginContext): Partial<Attributes> {
  return { orgNumber: login.asserted?.orgNumber, orgName: login.asserted?.orgName };
}

export function fromCommission(commission: Commission | undefined): Partial<Attributes> {
  if (!commission) return {};
  return {
    commissionHsaId: commission.commissionHsaId,
    commissionName: commission.name,
    commissionPurpose: commission.purpose,
    healthCareUnitHsaId: commission.careUnitHsaId,
    healthCareUnitName: commission.careUnitName,
    healthCareProviderHsaId: commission.careProviderHsaId,
    healthCareProviderName: commission.careProviderName,
  };
}

export function authentication(login: LoginContext): Partial<Attributes> {
  return {
    txn: login.txn,
    authnProvider: login.authnProvider,
    deviceIp: login.deviceIp,
    credentialValidFrom: login.credentialValidFrom,
    credentialValidTo: login.credentialValidTo,
  };
}
