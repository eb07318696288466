import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { LoginRecordRepository } from '../login/login-records.ts';
import type { LoginPolicy } from '../login/policy/index.ts';
import { loginOf } from './account-login.ts';
import type { ClaimsRelease } from './claims-release.ts';
import { allowedClaimsProperty } from './client-metadata.ts';

type FindAccount = NonNullable<Configuration['findAccount']>;

/**
 * The account is the internal person id chosen at login. Its claims come from the login
 * record bound to the token's grant. Every use of a login after the interaction (code
 * exchange, refresh, UserInfo, session reuse) runs the operator's rules again: a person
 * deactivated, or whose care provider lost its licence or declaration, gets no account, so
 * oidc-provider answers invalid_grant, invalid_token or login_required.
 */
export function createFindAccount(
  loginRecords: LoginRecordRepository,
  claimsRelease: ClaimsRelease,
  policy: Pick<LoginPolicy, 'stillAllowed'>,
): FindAccount {
  return async (ctx: KoaContextWithOIDC, accountId, token) => {
    const login = await loginOf(ctx, accountId, token, loginRecords);
    if (login.kind === 'unknown') return undefined;
    const record = login.kind === 'stored' ? login.record : null;
    const client = ctx.oidc.client;
    if (record && !(await policy.stillAllowed(record.context, client?.clientId))) {
      return undefined;
    }

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
