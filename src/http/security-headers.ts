import type { Context, Next } from 'koa';

/** Pages carry no inline script; frames are refused (clickjacking on login pages). */
export function securityHeaders() {
  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    // form-action allows any target because a login form's POST is answered with a redirect
    // to the client's registered redirect_uri, and browsers apply form-action to redirects.
    // oidc-provider's form_post page (from /auth) has its own inline script and CSP.
    // A header read, not ctx.response.is(): this runs on every token request.
    const type = ctx.response.get('Content-Type');
    if (
      typeof type === 'string' &&
      type.startsWith('text/html') &&
      !ctx.path.startsWith('/auth') &&
      !ctx.response.get('Content-Security-Policy')
    ) {
      ctx.set(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; " +
          "frame-ancestors 'none'; form-action 'self' *",
      );
    }
  };
}
