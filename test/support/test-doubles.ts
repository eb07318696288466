import { createHash } from 'node:crypto';
import type { LoginPolicy } from '../../src/login/login-policy.ts';
import type { ClaimsRelease } from '../../src/oidc/claims-release.ts';
import type { DevPerson } from '../../src/login/dev-login/dev-login-method.ts';

/** Two fictitious people for OIDC mechanics tests (the domain has its own seeds). */
export const testPeople: DevPerson[] = [
  { key: 'anna', label: 'Anna Andersson', personalIdentityNumber: '199001012384', givenName: 'Anna', familyName: 'Andersson' },
  { key: 'refused', label: 'Rut Refuserad', personalIdentityNumber: '198502022385', givenName: 'Rut', familyName: 'Refuserad' },
];

/** Allows everyone but the 'refused' test person; person id is a hash of the number. */
export const testPolicy: LoginPolicy = {
  async evaluate(identity) {
    const number = identity.personalIdentityNumber ?? '';
    if (number === '198502022385') return { kind: 'refuse', rule: 'not_registered' };
    return { kind: 'allow', personId: `p-${createHash('sha256').update(number).digest('hex').slice(0, 16)}` };
  },
};

/** Releases the identity's name and number claims only (the domain's release is tested apart). */
export const testClaimsRelease: ClaimsRelease = {
  scopeClaims: {
    openid: ['sub', 'acr', 'amr'],
    'https://id.oidc.se/scope/naturalPersonInfo': ['given_name', 'family_name', 'name'],
    'https://id.oidc.se/scope/naturalPersonNumber': ['https://id.oidc.se/claim/personalIdentityNumber'],
  },
  async claimsFor({ context }) {
    if (!context) return {};
    const { identity } = context;
    return {
      given_name: identity.givenName,
      family_name: identity.familyName,
      name: identity.displayName,
      'https://id.oidc.se/claim/personalIdentityNumber': identity.personalIdentityNumber,
    };
  },
};
