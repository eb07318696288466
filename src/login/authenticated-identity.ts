/**
 * What every login method (BankID, Freja eID+, SITHS card, SAML federation, the
 * development test login) hands over after the person has authenticated: one internal
 * vocabulary, whatever the upstream protocol (see README "Claims").
 */
export type LoginMethodId = 'bankid' | 'freja' | 'siths-card' | 'siths-federation' | 'dev';

export interface HealthcareAttributes {
  employeeHsaId?: string;
  personalPrescriptionCode?: string;
  groupPrescriptionCodes?: string[];
  healthcareProfessionalLicenses?: string[];
  healthcareProfessionalLicenseIdentityNumber?: string;
  paTitleCodes?: string[];
  systemRoles?: string[];
  commissions?: AssertedCommission[];
}

export interface AssertedCommission {
  commissionHsaId: string;
  commissionName?: string;
  commissionPurpose?: string;
  healthCareUnitHsaId?: string;
  healthCareUnitName?: string;
  healthCareProviderHsaId?: string;
  healthCareProviderName?: string;
}

export interface AuthenticatedIdentity {
  method: LoginMethodId;
  /** Personnummer, 12 digits (SKV 704). Never logged, never a `sub`. */
  personalIdentityNumber?: string;
  /** Samordningsnummer, 12 digits (SKV 707); never together with personalIdentityNumber. */
  coordinationNumber?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  /** YYYY-MM-DD */
  birthdate?: string;
  /** Level of assurance URI, becomes `acr`. */
  acr: string;
  /** Authentication method references (RFC 8176 where one fits, else Brygga's names). */
  amr: string[];
  /** Upstream transaction id (BankID orderRef, Freja authRef, SAML transactionIdentifier). */
  txn?: string;
  /** Which authentication provider was used (OIDC Sweden authnProvider). */
  authnProvider: string;
  /** IP address of the device holding the credential, when the upstream reports it. */
  deviceIp?: string;
  /** When the person authenticated upstream (seconds), if earlier than the hand-over. */
  authenticatedAt?: number;
  credentialValidFrom?: number;
  credentialValidTo?: number;
  /**
   * The SAML IdP whose signed assertion this is (the validated Issuer, not the
   * AuthenticatingAuthority it names), and whether the operator lists it in
   * `saml.hsaAuthorities`. Set by the SAML method only.
   */
  assertingParty?: { entityId: string; hsaAuthority: boolean };
  /** Attributes the upstream asserted (SAML IdPs); combined with stored ones. */
  asserted?: HealthcareAttributes & { orgNumber?: string; orgName?: string };
  /** For the development test login only: the seeded person picked. */
  personId?: string;
}
