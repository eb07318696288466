import { errors } from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';

/**
 * Brygga answers OpenID Connect authentication requests only, and those carry the openid
 * scope (OIDC Core 3.1.2.1). Without it the request is plain OAuth 2.0, which would log a
 * person in and hand out no ID token: refuse it with invalid_scope (RFC 6749 4.1.2.1).
 * Registered as the extraParams validator of `scope`, which runs after the redirect_uri
 * check, so the error goes back to the client.
 */
export async function requireOpenidScope(
  _ctx: KoaContextWithOIDC,
  scope: string | undefined,
): Promise<void> {
  if (!(scope ?? '').split(' ').includes('openid')) {
    throw new errors.InvalidScope('the openid scope is required', 'openid');
  }
}
