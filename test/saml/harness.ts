import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Context } from 'koa';
import { AuditLog } from '../../src/audit/audit-log.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { samlConfigSchema } from '../../src/config/sections/saml.ts';
import type { SamlConfig } from '../../src/config/sections/saml.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import type { ErrorCode } from '../../src/errors/codes.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { AuthenticatedIdentity } from '../../src/login/authenticated-identity.ts';
import type { LoginInteraction, LoginMethodServices } from '../../src/login/login-method.ts';
import { createSamlMethod } from '../../src/saml/sp/saml-method.ts';
import type { SamlLoginMethod, SamlMethodOptions } from '../../src/saml/sp/saml-method.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';

export const issuer = 'http://127.0.0.1:4000';

/** A LoginMethodServices double: interactions by uid, and a record of how logins ended. */
export class RecordingServices implements LoginMethodServices {
  readonly config = { env: 'test' } as unknown as BryggaConfig;
  readonly logger = createRootLogger({ level: 'silent' });
  readonly audit: AuditLog;
  readonly interactions = new Map<string, LoginInteraction>();
  readonly completed: Array<{ uid: string; identity: AuthenticatedIdentity }> = [];
  readonly failed: Array<{ uid: string; code: ErrorCode; detail?: string }> = [];

  constructor(readonly store: DocumentStore) {
    this.audit = new AuditLog(store, 'test-audit-hash-key-000000000000000000', this.logger);
  }

  addInteraction(uid: string, extra: Partial<LoginInteraction> = {}): LoginInteraction {
    const interaction: LoginInteraction = {
      uid,
      clientId: 'test-client',
      forceAuthentication: false,
      requestedAcrValues: [],
      language: 'sv',
      ...extra,
    };
    this.interactions.set(uid, interaction);
    return interaction;
  }

  /** Cookie-bound in the bridge; here the test names the uid in a cookie. */
  async loadInteraction(ctx: Context): Promise<LoginInteraction> {
    return this.loadInteractionByUid(ctx.cookies.get('test_interaction') ?? '');
  }

  async loadInteractionByUid(uid: string): Promise<LoginInteraction> {
    const interaction = this.interactions.get(uid);
    if (!interaction) throw new BryggaError('interaction_expired');
    return interaction;
  }

  async completeLogin(ctx: Context, uid: string, identity: AuthenticatedIdentity): Promise<void> {
    this.completed.push({ uid, identity });
    ctx.body = 'completed';
  }

  async failLogin(ctx: Context, uid: string, code: ErrorCode, detail?: string): Promise<void> {
    this.failed.push({ uid, code, ...(detail !== undefined && { detail }) });
    ctx.status = 400;
    ctx.body = `failed: ${code}`;
  }

  async auditReasons(event: string): Promise<string[]> {
    const events = await this.audit.query({});
    return events.filter((entry) => entry.event === event).map((entry) => entry.reason ?? '');
  }
}

export interface RunningSp {
  url: string;
  method: SamlLoginMethod;
  services: RecordingServices;
  close(): Promise<void>;
}

/** Starts the SAML login method's routes on 127.0.0.1 with the recording services. */
export async function startSp(
  store: DocumentStore,
  config: SamlConfig,
  extra: Partial<SamlMethodOptions> = {},
): Promise<RunningSp> {
  const services = new RecordingServices(store);
  const method = createSamlMethod({ config, issuer, production: false, ...extra });
  const app = new Koa();
  app.use(method.routes(services).routes());
  // Stands in for the OIDC end-session flow, which calls startLogout (no public route).
  app.use(async (ctx, next) => {
    if (ctx.path !== '/test/end-session') return next();
    await method.startLogout(ctx, { interactionUid: String(ctx.query.uid), returnTo: '/done' });
  });
  await method.ready();
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    method,
    services,
    async close() {
      await method.close?.();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function samlConfig(overrides: Record<string, unknown> = {}): SamlConfig {
  return samlConfigSchema.parse({ enabled: true, ...overrides });
}

/** GET with the test interaction cookie, not following redirects. */
export function getWithInteraction(url: string, uid: string): Promise<Response> {
  return fetch(url, { headers: { cookie: `test_interaction=${uid}` }, redirect: 'manual' });
}

export function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}
