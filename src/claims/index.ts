/** The claims mapping's public surface, for the OIDC provider's findAccount. */
export { buildClaims } from './build-claims.ts';
export type { BuildClaimsInput } from './build-claims.ts';
export { loadClaimSubjects } from './load-subjects.ts';
export { toLoginContext } from './login-context.ts';
export type { LoginContext } from './login-context.ts';
export { claim, scope } from './names.ts';
export { claimsSupported, scopeClaims, scopesSupported } from './scope-claims.ts';
