import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { LoginContextRepository } from '../login/login-context.ts';
import type { ClaimsRelease } from './claims-release.ts';
import { allowedClaimsProperty } from './client-metadata.ts';

type FindAccount = NonNullable<Configuration['findAccount']>;

/**
 * The account is the internal person id chosen at login. Its claims come from the login
 * context bound to the token's grant; without a grant (never for tokens) there is none.
 */
export function createFindAccount(
  loginContexts: LoginContextRepository,
  claimsRelease: ClaimsRelease,
): FindAccount {
  return async (ctx: KoaContextWithOIDC, accountId, token) => {
    const grantId = token && 'grantId' in token ? (token.grantId as string | undefined) : undefined;
    const context = grantId ? await loginContexts.findByGrant(grantId) : null;
    const client = ctx.oidc.client;

    return {
      accountId,
      async claims(use, scope, claims) {
        const released = await claimsRelease.claimsFor({
          context,
          personId: accountId,
          clientId: client?.clientId ?? '',
          allowedClaims: client?.[allowedClaimsProperty] as string[] | undefined,
          use: use === 'id_token' ? 'id_token' : 'userinfo',
          scope,
          requestedClaims: claims ?? {},
        });
        return { ...released, sub: accountId };
      },
    };
  };
}
