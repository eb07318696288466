/**
 * Upstream SAML attribute names for each item of Brygga's internal vocabulary, in order
 * of preference: Sweden Connect (SC-ATTR §3.1, domain.md §2.1), current Sambi
 * (`http://sambi.se/attributes/1/…`, domain.md §3.1), legacy Sambi SAML profile 1.03
 * (`urn:sambi:names:attribute:…`). A new federation costs one row here.
 */
const sambi = (name: string): string => `http://sambi.se/attributes/1/${name}`;
const legacy = (name: string): string => `urn:sambi:names:attribute:${name}`;

export const attributeNames = {
  personalIdentityNumber: ['urn:oid:1.2.752.29.4.13', sambi('personalIdentityNumber')],
  givenName: ['urn:oid:2.5.4.42', sambi('givenName'), legacy('givenName')],
  familyName: ['urn:oid:2.5.4.4', sambi('surname'), legacy('middleAndSurname')],
  displayName: ['urn:oid:2.16.840.1.113730.3.1.241'],
  birthdate: ['urn:oid:1.3.6.1.5.5.7.9.1'],
  transactionIdentifier: ['urn:oid:1.2.752.201.3.2'],
  orgNumber: ['urn:oid:2.5.4.97', sambi('organizationIdentifier')],
  orgName: ['urn:oid:2.5.4.10', sambi('organizationName')],
  employeeHsaId: ['urn:oid:1.2.752.29.6.2.1', sambi('employeeHsaId'), legacy('employeeHsaId')],
  personalPrescriptionCode: [sambi('personalPrescriptionCode'), legacy('personalPrescriptionCode')],
  groupPrescriptionCodes: [sambi('groupPrescriptionCode')],
  healthcareProfessionalLicenses: [sambi('healthcareProfessionalLicense')],
  healthcareProfessionalLicenseIdentityNumber: [
    sambi('healthcareProfessionalLicenseIdentityNumber'),
  ],
  paTitleCodes: [sambi('paTitleCode'), legacy('titleCode')],
  systemRoles: [sambi('systemRole'), legacy('systemRole')],
  authnMethod: [legacy('authnMethod')],
  commissionHsaId: [sambi('commissionHsaId'), legacy('assignmentHsaId')],
  commissionName: [sambi('commissionName')],
  commissionPurpose: [sambi('commissionPurpose'), legacy('commissionPurpose')],
  healthCareUnitHsaId: [sambi('healthCareUnitHsaId'), legacy('careUnitHsaId')],
  healthCareUnitName: [sambi('healthCareUnitName'), legacy('careUnitName')],
  healthCareProviderHsaId: [sambi('healthCareProviderHsaId'), legacy('careProviderHsaId')],
  healthCareProviderName: [sambi('healthCareProviderName'), legacy('careProviderName')],
} as const satisfies Record<string, readonly string[]>;

export type AttributeKey = keyof typeof attributeNames;

/** Items that may carry several values; every other item must have at most one. */
export const multiValued = new Set<AttributeKey>([
  'groupPrescriptionCodes',
  'healthcareProfessionalLicenses',
  'paTitleCodes',
  'systemRoles',
]);
