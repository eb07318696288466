import type { KoaContextWithOIDC } from 'oidc-provider';
import type { LoginRecord, LoginRecordRepository } from '../login/login-records.ts';

/** Which login an oidc-provider findAccount call is about (see find-account.ts). */
export type AccountLogin =
  /** The interaction just completed a login: the policy decided a moment ago. */
  | { kind: 'fresh' }
  /** A token's grant (code, refresh, access token) or the browser session's latest login. */
  | { kind: 'stored'; record: LoginRecord }
  /** No login record: the grant or session outlived it, or never had one. */
  | { kind: 'unknown' };

/**
 * Token endpoint and UserInfo pass the token, whose grant names the login record. The
 * authorization endpoint passes none: after an interaction `ctx.oidc.result.login` is set;
 * otherwise the browser session is being reused (prompt=none, SSO) and its grants name the
 * logins made in it, of which the latest for this account counts.
 */
export async function loginOf(
  ctx: KoaContextWithOIDC,
  accountId: string,
  token: unknown,
  loginRecords: LoginRecordRepository,
): Promise<AccountLogin> {
  const grantId = grantIdOf(token);
  if (grantId) return known(await loginRecords.findByGrant(grantId), accountId);
  if (token) return { kind: 'unknown' };
  if (ctx.oidc.result?.login) return { kind: 'fresh' };

  const grantIds = Object.values(ctx.oidc.session?.authorizations ?? {}).flatMap((entry) =>
    entry.grantId ? [entry.grantId] : [],
  );
  const records = await Promise.all(grantIds.map((id) => loginRecords.findByGrant(id)));
  const latest = records
    .flatMap((record) => (record?.context.personId === accountId ? [record] : []))
    .sort((a, b) => time(b.authenticatedAt) - time(a.authenticatedAt))[0];
  return known(latest ?? null, accountId);
}

function known(record: LoginRecord | null, accountId: string): AccountLogin {
  return record && record.context.personId === accountId
    ? { kind: 'stored', record }
    : { kind: 'unknown' };
}

function grantIdOf(token: unknown): string | undefined {
  if (!token || typeof token !== 'object' || !('grantId' in token)) return undefined;
  return typeof token.grantId === 'string' ? token.grantId : undefined;
}

function time(value: Date): number {
  return new Date(value).getTime();
}
