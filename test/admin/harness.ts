import { exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';

export { client };
import { startAdminServer } from '../../src/admin/admin-server.ts';
import type { AdminServer } from '../../src/admin/admin-server.ts';
import { adminClientMetadata } from '../../src/admin/admin-client.ts';
import type { AdminClientRequest } from '../../src/admin/admin-client.ts';
import { validateClientMetadata } from '../../src/clients/validate-client.ts';
import { luhnCheckDigit } from '../../src/domain/validation/luhn.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';

export interface AdminHarness {
  brygga: RunningBrygga;
  admin: AdminServer;
  /** Registers a client with the role and returns a fresh access token for it. */
  tokenFor(role: AdminRole, options?: ClientOptions): Promise<string>;
  /** Registers a client and returns openid-client's configuration for it. */
  registerClient(role: AdminRole, options?: ClientOptions): Promise<client.Configuration>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export type AdminRole = AdminClientRequest['role'] | 'none';

export interface ClientOptions {
  /** The client's registered scope (default admin). */
  clientScope?: string;
  /** The scope requested at the token endpoint (default admin). */
  scope?: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  ifMatch?: string;
  /** Raw body text, sent as-is (for malformed JSON). */
  raw?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined for JSON lines and empty bodies). */
  json: unknown;
}

/** Brygga with the demo domain, plus the admin API on its own port (both on 127.0.0.1). */
export async function startAdminHarness(store: DocumentStore): Promise<AdminHarness> {
  const brygga = await startBrygga(store);
  const admin = await startAdminServer({
    provider: brygga.provider,
    domain: brygga.domain,
    audit: brygga.audit,
    logger: createRootLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    config: { ...brygga.config, admin: { ...brygga.config.admin, port: 0 } },
  });
  let clients = 0;
  async function registerClient(
    role: AdminRole,
    options: ClientOptions = {},
  ): Promise<client.Configuration> {
    clients += 1;
    const clientId = `admin-test-${clients}`;
    const keys = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: `${clientId}-1`, alg: 'ES256' };
    const metadata = await adminClientMetadata({
      clientId,
      jwks: { keys: [jwk] },
      role: role === 'none' ? { operator: true } : role,
    });
    if (role === 'none') delete metadata['urn:brygga:roles'];
    if (options.clientScope !== undefined) metadata.scope = options.clientScope;
    await validateClientMetadata(brygga.provider, metadata);
    await brygga.clients.add(metadata);

    return client.discovery(
      new URL(brygga.issuer),
      clientId,
      { token_endpoint_auth_signing_alg: 'ES256' },
      client.PrivateKeyJwt({ key: keys.privateKey, kid: jwk.kid }),
      { execute: [client.allowInsecureRequests] },
    );
  }

  return {
    brygga,
    admin,
    registerClient,
    async tokenFor(role, options = {}) {
      const configuration = await registerClient(role, options);
      const scope = options.scope ?? 'admin';
      const tokens = await client.clientCredentialsGrant(configuration, scope ? { scope } : {});
      return tokens.access_token;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.ifMatch) headers['if-match'] = options.ifMatch;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${admin.url}${path}`, { method, headers, body });
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      const json = /json(;|$)/.test(type) && text ? (JSON.parse(text) as unknown) : undefined;
      return { status: response.status, headers: response.headers, text, json };
    },
    async stop() {
      await admin.close();
      await brygga.stop();
    },
  };
}

let orgCounter = 0;

/** A fresh, check-digit-valid organisation number of a legal entity. */
export function freshOrgNumber(): string {
  orgCounter += 1;
  // 55 and a third digit of 9 make a legal entity (SKV 709); the clock keeps runs apart.
  const stamp = String(Math.floor(Date.now() / 1000) % 100).padStart(2, '0');
  const payload = `559${stamp}${String(orgCounter).padStart(4, '0')}`;
  return `${payload}${luhnCheckDigit(payload)}`;
}

/** A property of a JSON response body, for terse tests. */
export function field<T = string>(response: ApiResponse, name: string): T {
  return (response.json as Record<string, T>)[name] as T;
}

let personCounter = 0;

/** A fresh, check-digit-valid personnummer (born 1950-05-05, not among the demo staff). */
export function freshPersonnummer(): string {
  personCounter += 1;
  const payload = `500505${String(personCounter).padStart(3, '0')}`;
  return `19${payload}${luhnCheckDigit(payload)}`;
}
