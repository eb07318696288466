import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { test } from 'node:test';
import Koa from 'koa';
import type { Context } from 'koa';
import { Agent, request } from 'undici';
import { AuditLog } from '../../src/audit/audit-log.ts';
import type { AuditEvent } from '../../src/audit/audit-log.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { BryggaError, isBryggaError } from '../../src/errors/brygga-error.ts';
import type { ErrorCode } from '../../src/errors/codes.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { AuthenticatedIdentity } from '../../src/login/authenticated-identity.ts';
import type {
  LoginInteraction,
  LoginMethod,
  LoginMethodServices,
} from '../../src/login/login-method.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { MongoStore } from '../../src/store/mongo-store.ts';
import type { FrejaSimulator } from '../../src/simulators/freja/index.ts';

export const silentLogger = createRootLogger({ level: 'silent' });

/** Runs `body` on the embedded store and, when MONGODB_URI is set, on MongoDB too. */
export function testOnStores(name: string, body: (store: DocumentStore) => Promise<void>): void {
  test(`${name} (memory store)`, async () => body(new MemoryStore()));
  const uri = process.env.MONGODB_URI;
  test(`${name} (MongoDB)`, { skip: uri ? false : 'MONGODB_URI is not set' }, async () => {
    const store = await MongoStore.connect(uri ?? '', `brygga_freja_${randomUUID().slice(0, 8)}`);
    try {
      await body(store);
    } finally {
      await store.close();
    }
  });
}

/** A relying party that talks to the simulator on the raw wire, for contract tests. */
export function rawClient(
  simulator: FrejaSimulator,
  certificate = simulator.relyingPartyCertificate,
) {
  const agent = new Agent({
    connect: {
      ca: simulator.caCertificatePem,
      cert: certificate.certificatePem,
      key: certificate.privateKeyPem,
    },
  });
  return {
    async post(path: string, body: string, contentType = 'application/json') {
      const response = await request(`${simulator.url}${path}`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': contentType },
        body,
      });
      const text = await response.body.text();
      return { status: response.statusCode, text, json: parse(text) };
    },
    async call(path: string, parameter: string, json: unknown) {
      const encoded = Buffer.from(JSON.stringify(json)).toString('base64');
      return this.post(path, `${parameter}=${encoded}`);
    },
    close: () => agent.close(),
  };
}

function parse(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export const inferredPlus = {
  userInfoType: 'INFERRED',
  userInfo: 'N/A',
  minRegistrationLevel: 'PLUS',
  attributesToReturn: [
    { attribute: 'BASIC_USER_INFO' },
    { attribute: 'SSN' },
    { attribute: 'REGISTRATION_LEVEL' },
  ],
};

/** LoginMethodServices that records what the method hands over; the cookie binds the uid. */
export class RecordingServices implements LoginMethodServices {
  readonly config = { oidc: { ttl: { interaction: 3600 } } } as BryggaConfig;
  readonly logger = silentLogger;
  readonly audit: AuditLog;
  readonly completed: { uid: string; identity: AuthenticatedIdentity }[] = [];
  readonly failed: { uid: string; code: ErrorCode; detail?: string }[] = [];

  constructor(readonly store: DocumentStore) {
    this.audit = new AuditLog(store, 'test-audit-hash-key-0123456789abcdef', this.logger);
  }

  async loadInteraction(ctx: Context): Promise<LoginInteraction> {
    const uid = ctx.cookies.get('test_interaction');
    if (!uid) throw new BryggaError('interaction_expired');
    const language = ctx.query.lang === 'en' ? 'en' : 'sv';
    return {
      uid,
      clientId: 'client-1',
      forceAuthentication: false,
      requestedAcrValues: [],
      language,
    };
  }

  async loadInteractionByUid(uid: string): Promise<LoginInteraction> {
    return {
      uid,
      clientId: 'client-1',
      forceAuthentication: false,
      requestedAcrValues: [],
      language: 'sv',
    };
  }

  async completeLogin(ctx: Context, uid: string, identity: AuthenticatedIdentity): Promise<void> {
    this.completed.push({ uid, identity });
    ctx.body = 'completed';
  }

  async failLogin(ctx: Context, uid: string, code: ErrorCode, detail?: string): Promise<void> {
    this.failed.push({ uid, code, ...(detail && { detail }) });
    ctx.status = 400;
    ctx.body = `failed: ${code}`;
  }

  auditEvents(): Promise<AuditEvent[]> {
    return this.audit.query({});
  }
}

/** A koa app serving one login method, with the bridge's error handling reduced to JSON. */
export async function serveMethod(method: LoginMethod, services: LoginMethodServices) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isBryggaError(error)) throw error;
      ctx.status = error.status;
      ctx.body = { error: error.code };
    }
  });
  app.use(method.routes(services).routes());
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async fetch(path: string, options: { method?: string; uid?: string } = {}) {
      const response = await fetch(`${base}${path}`, {
        method: options.method ?? 'GET',
        redirect: 'manual',
        headers: options.uid ? { cookie: `test_interaction=${options.uid}` } : {},
      });
      return { status: response.status, text: await response.text(), headers: response.headers };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
