import type { Commission } from '../domain/model/staff-member.ts';
import type { AuthenticatedIdentity } from '../login/authenticated-identity.ts';

/**
 * What the bridge keeps about one login, for building claims later (the lead stores it
 * with the session/grant and hands it to buildClaims from findAccount): the identity the
 * login method delivered, plus what the login policy decided.
 */
export type LoginContext = Omit<AuthenticatedIdentity, 'personId'> & {
  /** The staff member's personId: the OIDC accountId. */
  personId: string;
  /** The care provider the person acts for, when one was chosen or is the only one. */
  careProviderId?: string;
  /** The chosen commission, as offered (stored data merged with the upstream's). */
  commission?: Commission;
};

export function toLoginContext(
  identity: AuthenticatedIdentity,
  decision: { personId: string; careProviderId?: string; commission?: Commission },
): LoginContext {
  // The dev login's picked personId is replaced by the policy's decision.
  const rest: Partial<AuthenticatedIdentity> & Omit<AuthenticatedIdentity, 'personId'> = {
    ...identity,
  };
  delete rest.personId;
  return {
    ...rest,
    personId: decision.personId,
    ...(decision.careProviderId && { careProviderId: decision.careProviderId }),
    ...(decision.commission && { commission: decision.commission }),
  };
}
