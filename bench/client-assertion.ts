import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** The benchmark's relying party: one ES256 key, used by both providers' client entries. */
export interface BenchClient {
  clientId: string;
  redirectUri: string;
  /** Public JWK registered at both providers. */
  publicJwk: Record<string, unknown>;
}

export interface BenchClientWithKey extends BenchClient {
  privateKey: KeyObject;
}

export function createBenchClient(): BenchClientWithKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = 'bench-rp-1';
  return {
    clientId: 'bench-rp',
    redirectUri: 'https://rp.bench.example/callback',
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' },
    privateKey,
  };
}

/** Client metadata registered at both providers (private_key_jwt, ES256, code + PKCE). */
export function clientMetadata(client: BenchClient): Record<string, unknown> {
  return {
    client_id: client.clientId,
    client_name: 'Benchmark relying party',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: [client.publicJwk] },
    redirect_uris: [client.redirectUri],
    grant_types: ['authorization_code', 'client_credentials'],
    response_types: ['code'],
    scope: 'openid',
  };
}

const header = Buffer.from(
  JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'bench-rp-1' }),
).toString('base64url');

/**
 * A private_key_jwt client assertion (RFC 7523 3, OIDC Core 9) with a unique jti. Signed
 * with node:crypto directly so thousands can be made up front in a second or two.
 */
export function clientAssertion(client: BenchClientWithKey, audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: client.clientId,
    sub: client.clientId,
    aud: audience,
    jti: randomUUID(),
    iat: now,
    exp: now + 600,
  };
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: client.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

/** Form bodies for client_credentials token requests, one per request, each with a new jti. */
export function clientCredentialsBodies(
  client: BenchClientWithKey,
  tokenEndpoint: string,
  count: number,
): string[] {
  return Array.from({ length: count }, () =>
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion(client, tokenEndpoint),
    }).toString(),
  );
}
