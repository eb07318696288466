import type { CareProvider } from '../domain/model/care-provider.ts';
import type { StaffMember } from '../domain/model/staff-member.ts';
import type { LoginContext } from './login-context.ts';
import { attributesOf } from './precedence.ts';
import { releasedClaimNames } from './release.ts';
import { claimValues } from './to-claims.ts';

export interface BuildClaimsInput {
  loginContext: LoginContext;
  /** The staff member (personId = accountId); null if deleted since the login. */
  staffMember: StaffMember | null;
  /** The care provider in loginContext.careProviderId, if any. */
  careProvider: CareProvider | null;
  /** The client's metadata; only `urn:brygga:allowed_claims` is read. */
  /** The client's metadata: `urn:brygga:allowed_claims` and its registered `scope`. */
  client: { 'urn:brygga:allowed_claims'?: string[]; scope?: string };
  use: 'id_token' | 'userinfo';
  /** Granted scopes, space-separated (oidc-provider's `scope` argument). */
  scope: string;
  /** oidc-provider's `claims` argument: the claims parameter member for this use. */
  requestedClaims?: Record<string, unknown>;
  /** oidc-provider's `rejected` argument. */
  rejected?: string[];
}

/**
 * The claims for one ID token or UserInfo response: sources → vocabulary (precedence.ts)
 * → claim values (to-claims.ts) → release rules (release.ts). `sub`, `acr`, `amr` and
 * `auth_time` are not here: oidc-provider sets them from the account and login result.
 */
export function buildClaims(input: BuildClaimsInput): Record<string, unknown> {
  const values = claimValues(
    attributesOf({
      login: input.loginContext,
      staffMember: input.staffMember,
      careProvider: input.careProvider,
    }),
  );
  const released = releasedClaimNames({
    use: input.use,
    scope: input.scope,
    requestedClaims: input.requestedClaims,
    rejected: input.rejected,
    allowedClaims: input.client['urn:brygga:allowed_claims'],
    clientScope: input.client.scope,
  });
  return Object.fromEntries(Object.entries(values).filter(([name]) => released.has(name)));
}
