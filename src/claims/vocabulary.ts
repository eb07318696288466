/**
 * Brygga's internal attribute vocabulary: every upstream (BankID, Freja, SITHS, SAML) and
 * the operator's stored data map into this once; claims are released from it per scope
 * and per client (claim-names.ts maps each attribute to its OIDC claim).
 */
export interface Attributes {
  personalIdentityNumber?: string;
  coordinationNumber?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  birthdate?: string;
  orgNumber?: string;
  orgName?: string;
  /** The person's id at the organisation: employee HSA-ID, else the personId. */
  orgPersonId?: string;
  employeeHsaId?: string;
  personalPrescriptionCode?: string;
  groupPrescriptionCodes?: string[];
  healthcareProfessionalLicenses?: string[];
  licenseIdentityNumber?: string;
  paTitleCodes?: string[];
  systemRoles?: string[];
  commissionHsaId?: string;
  commissionName?: string;
  commissionPurpose?: string;
  healthCareProviderHsaId?: string;
  healthCareProviderName?: string;
  healthCareUnitHsaId?: string;
  healthCareUnitName?: string;
  pharmacyIdentifier?: string;
  txn?: string;
  authnProvider?: string;
  deviceIp?: string;
  credentialValidFrom?: number;
  credentialValidTo?: number;
}

/** Later sources fill only what earlier ones left empty (an empty list counts as empty). */
export function mergeByPrecedence(sources: Partial<Attributes>[]): Attributes {
  const merged: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (isEmpty(merged[key]) && !isEmpty(value)) merged[key] = value;
    }
  }
  return merged as Attributes;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}
