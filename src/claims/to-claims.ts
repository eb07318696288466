import { claim } from './names.ts';
import type { Attributes } from './vocabulary.ts';

/** Every claim value Brygga can produce from the vocabulary, before release rules. */
export function claimValues(attributes: Attributes): Record<string, unknown> {
  const a = attributes;
  const fullName = a.displayName ?? joinNames(a.givenName, a.familyName);
  const values: Record<string, unknown> = {
    [claim.personalIdentityNumber]: a.personalIdentityNumber,
    [claim.coordinationNumber]: a.personalIdentityNumber ? undefined : a.coordinationNumber,
    [claim.givenName]: a.givenName,
    [claim.familyName]: a.familyName,
    [claim.name]: fullName,
    [claim.birthdate]: a.birthdate,
    [claim.orgNumber]: a.orgNumber,
    [claim.orgName]: a.orgName,
    // OS-CLAIMS §2: <personal id at the organisation>@<organisation number>.
    [claim.orgAffiliation]:
      a.orgNumber && a.orgPersonId ? `${a.orgPersonId}@${a.orgNumber}` : undefined,
    [claim.employeeHsaId]: a.employeeHsaId,
    [claim.personalPrescriptionCode]: a.personalPrescriptionCode,
    [claim.groupPrescriptionCode]: a.groupPrescriptionCodes,
    [claim.healthcareProfessionalLicense]: a.healthcareProfessionalLicenses,
    [claim.healthcareProfessionalLicenseIdentityNumber]: a.licenseIdentityNumber,
    [claim.paTitleCode]: a.paTitleCodes,
    [claim.systemRole]: a.systemRoles,
    [claim.commissionHsaId]: a.commissionHsaId,
    [claim.commissionName]: a.commissionName,
    [claim.commissionPurpose]: a.commissionPurpose,
    [claim.healthCareProviderHsaId]: a.healthCareProviderHsaId,
    [claim.healthCareProviderName]: a.healthCareProviderName,
    [claim.healthCareUnitHsaId]: a.healthCareUnitHsaId,
    [claim.healthCareUnitName]: a.healthCareUnitName,
    [claim.pharmacyIdentifier]: a.pharmacyIdentifier,
    [claim.txn]: a.txn,
    [claim.authnProvider]: a.authnProvider,
    [claim.deviceIp]: a.deviceIp,
    [claim.credentialValidFrom]: a.credentialValidFrom,
    [claim.credentialValidTo]: a.credentialValidTo,
  };
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  );
}

function joinNames(given?: string, family?: string): string | undefined {
  const parts = [given, family].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
