import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import type { LoginRecordRepository } from '../login/login-records.ts';
import type { Logger } from '../log/logger.ts';

/** A login method that can end the person's session upstream (SAML single logout). */
export interface UpstreamLogout {
  startLogout(ctx: Context, input: { interactionUid: string; returnTo: string }): Promise<void>;
}

/**
 * RP-initiated logout (OIDC RP-Initiated Logout 1.0) also ends the upstream SAML session:
 * when oidc-provider has ended the session and redirects, the browser goes to the IdP with
 * a LogoutRequest first (SAML profiles 4.4.3), and from there to the same destination.
 */
export function upstreamLogout(
  provider: Provider,
  loginRecords: LoginRecordRepository,
  upstream: UpstreamLogout | undefined,
  logger: Logger,
) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!upstream || ctx.method !== 'POST' || ctx.path !== '/session/end/confirm') return next();

    const sessionId = ctx.cookies.get(provider.cookieName('session'), { signed: true });
    const session = sessionId ? await provider.Session.find(sessionId) : undefined;
    const grantIds = Object.values(session?.authorizations ?? {}).flatMap((entry) =>
      entry.grantId ? [entry.grantId] : [],
    );
    await next();

    const returnTo = ctx.response.get('location');
    if (ctx.status !== 303 || !returnTo || grantIds.length === 0) return;
    const records = await Promise.all(grantIds.map((grantId) => loginRecords.findByGrant(grantId)));
    const latest = records
      .flatMap((record) => (record ? [record] : []))
      .sort(
        (a, b) => new Date(b.authenticatedAt).getTime() - new Date(a.authenticatedAt).getTime(),
      )[0];
    if (!latest) return;
    try {
      await upstream.startLogout(ctx, { interactionUid: latest.interactionUid, returnTo });
      ctx.status = 303;
    } catch (error) {
      // The OIDC session is already over; an upstream failure must not strand the person.
      logger.warn({ reason: (error as Error).message }, 'upstream single logout not started');
      ctx.redirect(returnTo);
    }
  };
}
