import Koa from 'koa';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditLog } from '../../src/audit/audit-log.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import type { BankIdConfig } from '../../src/config/sections/bankid.ts';
import { bankIdConfigSchema } from '../../src/config/sections/bankid.ts';
import { BankIdClient } from '../../src/connectors/bankid/bankid-client.ts';
import { createBankIdMethod } from '../../src/connectors/bankid/bankid-method.ts';
import type { BankIdApi } from '../../src/connectors/bankid/bankid-login-flow.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import type { ErrorCode } from '../../src/errors/codes.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { AuthenticatedIdentity } from '../../src/login/authenticated-identity.ts';
import type { LoginMethodServices } from '../../src/login/login-method.ts';
import type { ManualClock } from '../../src/simulators/bankid/clock.ts';
import type { BankIdSimulator } from '../../src/simulators/bankid/start.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';

export type ServiceCall =
  | { kind: 'complete'; uid: string; identity: AuthenticatedIdentity }
  | { kind: 'fail'; uid: string; code: ErrorCode; detail?: string };

export const logger = createRootLogger({ level: 'silent' });

/** LoginMethodServices test double: the interaction is the `test_interaction` cookie. */
export function servicesDouble(store: DocumentStore, calls: ServiceCall[]): LoginMethodServices {
  return {
    config: { issuer: 'https://brygga.test/', env: 'test' } as unknown as BryggaConfig,
    store,
    logger,
    audit: new AuditLog(store, 'bankid-test-audit-key-0000000000000000', logger),
    async loadInteraction(ctx) {
      const uid = ctx.cookies.get('test_interaction');
      if (!uid) throw new BryggaError('interaction_expired');
      return {
        uid,
        clientId: 'rp',
        forceAuthentication: false,
        requestedAcrValues: [],
        language: 'sv',
      };
    },
    async loadInteractionByUid(uid) {
      return {
        uid,
        clientId: 'rp',
        forceAuthentication: false,
        requestedAcrValues: [],
        language: 'sv',
      };
    },
    async completeLogin(ctx, uid, identity) {
      calls.push({ kind: 'complete', uid, identity });
      ctx.body = 'completed';
    },
    async failLogin(ctx, uid, code, detail) {
      calls.push({ kind: 'fail', uid, code, ...(detail && { detail }) });
      ctx.status = 400;
      ctx.body = `failed: ${code}`;
    },
  };
}

/** Counts the calls the flow makes to BankID. */
export function countingApi(client: BankIdClient): BankIdApi & { counts: Record<string, number> } {
  const counts: Record<string, number> = { auth: 0, collect: 0, cancel: 0 };
  return {
    counts,
    auth: (body) => ((counts.auth = (counts.auth ?? 0) + 1), client.auth(body)),
    collect: (orderRef) => ((counts.collect = (counts.collect ?? 0) + 1), client.collect(orderRef)),
    cancel: (orderRef) => ((counts.cancel = (counts.cancel ?? 0) + 1), client.cancel(orderRef)),
  };
}

export async function clientFor(simulator: BankIdSimulator): Promise<BankIdClient> {
  const rp = await simulator.issueClientCertificate();
  return new BankIdClient({
    baseUrl: simulator.url,
    pinnedRootPem: simulator.caCertificatePem,
    credential: { certificatePem: rp.certificatePem, privateKeyPem: rp.privateKeyPem },
    logger,
  });
}

export function bankIdConfig(overrides: Partial<BankIdConfig> = {}): BankIdConfig {
  return {
    ...bankIdConfigSchema.parse({ enabled: true, simulator: { enabled: true } }),
    ...overrides,
  };
}

/** One Brygga process: a koa app with the BankID method's routes. */
export async function startProcess(options: {
  store: DocumentStore;
  api: BankIdApi;
  clock: ManualClock;
  calls: ServiceCall[];
  config?: BankIdConfig;
}): Promise<{ url: string; close(): Promise<void> }> {
  const method = createBankIdMethod({
    config: options.config ?? bankIdConfig(),
    api: options.api,
    now: () => new Date(options.clock.now()),
  });
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof BryggaError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: error.code };
    }
  });
  app.use(method.routes(servicesDouble(options.store, options.calls)).routes());
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A browser holding one interaction cookie. */
export function browser(baseUrl: string, uid: string = randomUUID()) {
  const headers = {
    cookie: `test_interaction=${uid}`,
    'user-agent': 'Mozilla/5.0 (X11; Linux) Test',
  };
  return {
    uid,
    get: (path: string) => fetch(new URL(path, baseUrl), { headers, redirect: 'manual' }),
    post: (path: string) =>
      fetch(new URL(path, baseUrl), { method: 'POST', headers, redirect: 'manual' }),
    status: async (): Promise<Record<string, unknown>> =>
      (await (
        await fetch(new URL(`/login/bankid/${uid}/status`, baseUrl), { headers })
      ).json()) as Record<string, unknown>,
  };
}
