import type { Context } from 'koa';

/**
 * oidc-provider scopes its interaction cookie to /interaction/<uid>, so login method
 * routes elsewhere could not tell which browser started a login. The chooser page sets
 * this signed, per-login cookie for the whole site; methods check it (same browser, same
 * login). The cross-site SAML POST cannot carry it and is bound by InResponseTo instead.
 */
export function bindingCookieName(uid: string): string {
  return `brygga_login_${uid.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

export function bindBrowser(ctx: Context, uid: string, ttlSeconds: number): void {
  ctx.cookies.set(bindingCookieName(uid), '1', {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    path: '/',
    maxAge: ttlSeconds * 1000,
    overwrite: true,
  });
}

export function isBrowserBound(ctx: Context, uid: string): boolean {
  return ctx.cookies.get(bindingCookieName(uid), { signed: true }) === '1';
}

export function unbindBrowser(ctx: Context, uid: string): void {
  ctx.cookies.set(bindingCookieName(uid), null, { path: '/', signed: true });
}
