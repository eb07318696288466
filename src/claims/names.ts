/**
 * Claim and scope names Brygga releases. OIDC Sweden names where one exists
 * (OS-CLAIMS §2, §3); healthcare attributes under their Sambi attribute URIs, since
 * OIDC Sweden defines none (domain.md §1.1, §6).
 */
const oidcSweden = 'https://id.oidc.se/claim/';
const sambi = 'http://sambi.se/attributes/1/';

export const claim = {
  sub: 'sub',
  acr: 'acr',
  amr: 'amr',
  txn: 'txn',
  name: 'name',
  givenName: 'given_name',
  familyName: 'family_name',
  middleName: 'middle_name',
  birthdate: 'birthdate',
  personalIdentityNumber: `${oidcSweden}personalIdentityNumber`,
  coordinationNumber: `${oidcSweden}coordinationNumber`,
  orgNumber: `${oidcSweden}orgNumber`,
  orgName: `${oidcSweden}orgName`,
  orgAffiliation: `${oidcSweden}orgAffiliation`,
  authnProvider: `${oidcSweden}authnProvider`,
  deviceIp: `${oidcSweden}deviceIp`,
  credentialValidFrom: `${oidcSweden}credentialValidFrom`,
  credentialValidTo: `${oidcSweden}credentialValidTo`,
  employeeHsaId: `${sambi}employeeHsaId`,
  personalPrescriptionCode: `${sambi}personalPrescriptionCode`,
  groupPrescriptionCode: `${sambi}groupPrescriptionCode`,
  healthcareProfessionalLicense: `${sambi}healthcareProfessionalLicense`,
  healthcareProfessionalLicenseIdentityNumber: `${sambi}healthcareProfessionalLicenseIdentityNumber`,
  paTitleCode: `${sambi}paTitleCode`,
  systemRole: `${sambi}systemRole`,
  commissionHsaId: `${sambi}commissionHsaId`,
  commissionName: `${sambi}commissionName`,
  commissionPurpose: `${sambi}commissionPurpose`,
  healthCareProviderHsaId: `${sambi}healthCareProviderHsaId`,
  healthCareProviderName: `${sambi}healthCareProviderName`,
  healthCareUnitHsaId: `${sambi}healthCareUnitHsaId`,
  healthCareUnitName: `${sambi}healthCareUnitName`,
  pharmacyIdentifier: `${sambi}pharmacyIdentifier`,
} as const;

export type ClaimName = (typeof claim)[keyof typeof claim];

export const scope = {
  openid: 'openid',
  naturalPersonInfo: 'https://id.oidc.se/scope/naturalPersonInfo',
  naturalPersonNumber: 'https://id.oidc.se/scope/naturalPersonNumber',
  naturalPersonOrgId: 'https://id.oidc.se/scope/naturalPersonOrgId',
  /** Brygga's healthcare scope: the Sambi attributes of the chosen commission. */
  healthcare: 'healthcare',
} as const;
