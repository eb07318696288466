import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { LoginRecordRepository } from '../login/login-context.ts';
import type { ClaimsRelease } from './claims-release.ts';
import { allowedClaimsProperty } from './client-metadata.ts';

type FindAccount = NonNullable<Configuration['findAccount']>;

/**
 * The account is the internal person id chosen at login. Its claims come from the login
 * record bound to the token's grant; without a grant (never for tokens) there is none.
 */
export function createFindAccount(
  loginRecords: LoginRecordRepository,
  claimsRelease: ClaimsRelease,
): FindAccount {
  return async (ctx: KoaContextWithOIDC, accountId, token) => {
    const grantId = token && 'grantId' in token ? (token.grantId as string | undefined) : undefined;
    const record = grantId ? await loginRecords.findByGrant(grantId) : null;
    const client = ctx.oidc.client;

    return {
      accountId,
      async claims(use, scope, claims, rejected) {
        const released = await claimsRelease.claimsFor({
          context: record?.context ?? null,
          allowedClaims: client?.[allowedClaimsProperty] as string[] | undefined,
          clientScope: client?.scope,
          use: use === 'id_token' ? 'id_token' : 'userinfo',
          scope,
          requestedClaims: claims ?? {},
          rejected: rejected ?? [],
        });
        return { ...released, sub: accountId };
      },
    };
  };
}
