import { exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import type { RunningBrygga } from './start-brygga.ts';
import type { TestBrowser } from './browser.ts';

export const redirectUri = 'https://rp.example/callback';

/** Each registered test client's signing key, for request objects (JAR). */
export const clientKeys = new Map<string, { key: CryptoKey; kid: string }>();

/** Registers a private_key_jwt client and returns openid-client's configuration for it. */
export async function registerConfidentialClient(
  brygga: RunningBrygga,
  clientId: string,
  extra: Record<string, unknown> = {},
): Promise<client.Configuration> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: `${clientId}-key`, alg: 'ES256', use: 'sig' };
  clientKeys.set(clientId, { key: privateKey, kid: jwk.kid });
  await brygga.clients.add({
    client_id: clientId,
    client_name: `Test ${clientId}`,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: [jwk] },
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: ['https://rp.example/'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope:
      'openid offline_access https://id.oidc.se/scope/naturalPersonInfo https://id.oidc.se/scope/naturalPersonNumber',
    userinfo_signed_response_alg: 'ES256',
    ...extra,
  });
  return client.discovery(
    new URL(brygga.issuer),
    clientId,
    { userinfo_signed_response_alg: 'ES256', id_token_signed_response_alg: 'RS256' },
    client.PrivateKeyJwt({ key: privateKey, kid: jwk.kid }),
    { execute: [client.allowInsecureRequests] },
  );
}

/**
 * Drives the browser part of a login through the development test login: authorization
 * URL in, callback URL (with code, state and iss) out.
 */
export async function loginInBrowser(
  browser: TestBrowser,
  issuer: string,
  authorizationUrl: URL,
  personKey = 'demo-0',
): Promise<URL> {
  const toInteraction = await browser.follow(authorizationUrl.href, issuer);
  const interactionUrl = new URL(toInteraction.url);
  const uid = interactionUrl.pathname.split('/')[2];
  if (!interactionUrl.pathname.startsWith('/interaction/') || !uid) {
    throw new Error(
      `expected the interaction page, got ${toInteraction.url} (${toInteraction.response.status})`,
    );
  }
  const chooser = await toInteraction.response.text();
  if (!chooser.includes(`/login/dev/${uid}`))
    throw new Error('the chooser does not offer the test login');

  const submitted = await browser.post(`${issuer}/login/dev/${uid}`, { person: personKey });
  const location = submitted.headers.get('location');
  if (submitted.status !== 303 || !location)
    throw new Error(`login not accepted: ${submitted.status}`);
  const finished = await browser.follow(new URL(location, issuer).href, issuer);
  return new URL(finished.url);
}

export { client };
