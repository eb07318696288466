import { claim, scope } from './names.ts';

/** Where a claim granted by a scope is delivered. */
export interface Delivery {
  idToken: boolean;
  userinfo: boolean;
}

const both: Delivery = { idToken: true, userinfo: true };
const userinfoOnly: Delivery = { idToken: false, userinfo: true };
/** OS-CLAIMS §2: authentication information belongs in the ID token. */
const idTokenOnly: Delivery = { idToken: true, userinfo: false };

/** Brygga's healthcare scope: the Sambi attributes of the chosen commission. */
export const healthcareClaims: readonly string[] = [
  claim.employeeHsaId,
  claim.personalPrescriptionCode,
  claim.groupPrescriptionCode,
  claim.healthcareProfessionalLicense,
  claim.healthcareProfessionalLicenseIdentityNumber,
  claim.paTitleCode,
  claim.systemRole,
  claim.commissionHsaId,
  claim.commissionName,
  claim.commissionPurpose,
  claim.healthCareProviderHsaId,
  claim.healthCareProviderName,
  claim.healthCareUnitHsaId,
  claim.healthCareUnitName,
  claim.pharmacyIdentifier,
];

/**
 * Scope → claims → delivery. The OIDC Sweden rows are OS-CLAIMS §3 exactly (domain.md
 * §1.2); `healthcare` is Brygga's (domain.md §6 proposal: ID token, and UserInfo too).
 */
export const scopeReleases: Record<string, Record<string, Delivery>> = {
  [scope.openid]: {
    [claim.sub]: both,
    [claim.txn]: idTokenOnly,
    [claim.authnProvider]: idTokenOnly,
  },
  [scope.naturalPersonInfo]: {
    [claim.familyName]: userinfoOnly,
    [claim.givenName]: userinfoOnly,
    [claim.middleName]: userinfoOnly,
    [claim.name]: userinfoOnly,
    [claim.birthdate]: userinfoOnly,
  },
  [scope.naturalPersonNumber]: {
    [claim.personalIdentityNumber]: both,
    [claim.coordinationNumber]: both,
  },
  [scope.naturalPersonOrgId]: {
    [claim.name]: both,
    [claim.orgAffiliation]: both,
    [claim.orgName]: userinfoOnly,
    [claim.orgNumber]: userinfoOnly,
  },
  [scope.healthcare]: Object.fromEntries(healthcareClaims.map((name) => [name, both])),
};

/**
 * Claims outside every scope: released only when asked for with the `claims` parameter
 * (OS-CLAIMS §2 authentication information, delivered in the ID token).
 */
export const standaloneClaims: readonly string[] = [
  claim.deviceIp,
  claim.credentialValidFrom,
  claim.credentialValidTo,
];

/**
 * oidc-provider's `claims` configuration: scope → claim names, and `null` for claims that
 * stand alone (acr, amr and the protocol claims oidc-provider sets itself).
 */
export const scopeClaims: Record<string, string[] | null> = {
  ...Object.fromEntries(
    Object.entries(scopeReleases).map(([name, claims]) => [name, Object.keys(claims)]),
  ),
  ...Object.fromEntries(standaloneClaims.map((name) => [name, null])),
  acr: null,
  amr: null,
  auth_time: null,
  sid: null,
  iss: null,
};

/** For discovery's `claims_supported`. */
export const claimsSupported: string[] = [
  ...new Set([
    'iss',
    'sid',
    'auth_time',
    claim.acr,
    claim.amr,
    ...Object.values(scopeReleases).flatMap((claims) => Object.keys(claims)),
    ...standaloneClaims,
  ]),
];

/** For discovery's `scopes_supported`. */
export const scopesSupported: string[] = Object.keys(scopeReleases);
