import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';
import Koa from 'koa';
import type { Context } from 'koa';
import { pino } from 'pino';
import { AuditLog } from '../../src/audit/audit-log.ts';
import type { AuditEvent } from '../../src/audit/audit-log.ts';
import { sithsCardConfigSchema } from '../../src/config/sections/siths-card.ts';
import type { SithsCardConfig } from '../../src/config/sections/siths-card.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { createSithsCardMethod } from '../../src/connectors/siths-card/siths-card-method.ts';
import { trustStoreFromPem } from '../../src/connectors/siths-card/trust-store.ts';
import type { ErrorCode } from '../../src/errors/codes.ts';
import { BryggaError, isBryggaError } from '../../src/errors/brygga-error.ts';
import type { AuthenticatedIdentity } from '../../src/login/authenticated-identity.ts';
import type { LoginInteraction, LoginMethodServices } from '../../src/login/login-method.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { startPkiServer } from '../../src/simulators/siths-pki/pki-server.ts';
import type { RunningPkiServer } from '../../src/simulators/siths-pki/pki-server.ts';
import { SithsTestPki } from '../../src/simulators/siths-pki/siths-test-pki.ts';
import { openTestStore } from '../support/store.ts';

export const interactionUid = 'uid-siths-1';

/** LoginMethodServices that records what the method handed over instead of logging anyone in. */
export class RecordingServices implements LoginMethodServices {
  readonly config = {} as BryggaConfig;
  readonly logger = pino({ level: 'silent' });
  readonly audit: AuditLog;
  readonly completed: { uid: string; identity: AuthenticatedIdentity }[] = [];
  readonly failed: { uid: string; code: ErrorCode; detail?: string }[] = [];

  constructor(readonly store: DocumentStore) {
    this.audit = new AuditLog(store, 'test-audit-hash-key-0123456789abcdef', this.logger);
  }

  async loadInteraction(ctx: Context): Promise<LoginInteraction> {
    return this.loadInteractionByUid(String(ctx.params?.uid ?? ''));
  }

  async loadInteractionByUid(uid: string): Promise<LoginInteraction> {
    if (uid !== interactionUid) throw new BryggaError('interaction_expired');
    return {
      uid,
      clientId: 'client-1',
      forceAuthentication: false,
      requestedAcrValues: [],
      language: 'en',
    };
  }

  async completeLogin(ctx: Context, uid: string, identity: AuthenticatedIdentity): Promise<void> {
    this.completed.push({ uid, identity });
    ctx.body = 'completed';
  }

  async failLogin(ctx: Context, uid: string, code: ErrorCode, detail?: string): Promise<void> {
    this.failed.push({ uid, code, ...(detail && { detail }) });
    ctx.status = 401;
    ctx.body = `failed: ${detail}`;
  }

  async auditEvents(): Promise<AuditEvent[]> {
    return this.audit.query({});
  }
}

export interface Harness {
  pki: SithsTestPki;
  pkiServer: RunningPkiServer;
  services: RecordingServices;
  app: Koa;
  config: SithsCardConfig;
}

/** A koa app with only the SITHS card routes, against a fresh test PKI and its responder. */
export async function startHarness(
  overrides: Record<string, unknown> = {},
  options: { now?: () => Date; pki?: SithsTestPki; pkiServer?: RunningPkiServer } = {},
): Promise<Harness> {
  const pki = options.pki ?? (await SithsTestPki.create());
  const pkiServer = options.pkiServer ?? (await startPkiServer(pki));
  const config = sithsCardConfigSchema.parse({ enabled: true, ...overrides });
  const services = new RecordingServices(await openTestStore());
  const method = createSithsCardMethod({
    config,
    trust: trustStoreFromPem(pki.caCertificatesPem),
    ...(options.now && { now: options.now }),
  });
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isBryggaError(error)) throw error;
      ctx.status = error.status;
      ctx.body = error.code;
    }
  });
  app.use(method.routes(services).routes());
  return { pki, pkiServer, services, app, config };
}

/** nginx `$ssl_client_escaped_cert` of a PEM certificate. */
export function escapedCertificate(pem: string): string {
  return encodeURIComponent(pem);
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}
