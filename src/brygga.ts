import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import type Provider from 'oidc-provider';
import { AuditLog } from './audit/audit-log.ts';
import { ClientRepository } from './clients/client-repository.ts';
import { validateClientMetadata } from './clients/validate-client.ts';
import type { BryggaConfig } from './config/schema.ts';
import { errorHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health.ts';
import { Metrics } from './http/metrics.ts';
import { requestContext } from './http/request-context.ts';
import { securityHeaders } from './http/security-headers.ts';
import { trustedProxies } from './http/trusted-proxies.ts';
import { rememberLanguage } from './web/language.ts';
import { LoginFlow } from './interaction/login-flow.ts';
import { PendingChoiceRepository } from './interaction/pending-choices.ts';
import { interactionRoutes } from './interaction/routes.ts';
import type { Logger } from './log/logger.ts';
import { LoginRecordRepository } from './login/login-records.ts';
import type { LoginMethod } from './login/login-method.ts';
import { createLoginPolicy } from './login/policy/index.ts';
import { createDomain } from './domain/domain.ts';
import type { Domain } from './domain/domain.ts';
import { seedDemoDomain } from './domain/seed.ts';
import { domainClaimsRelease } from './oidc/domain-claims-release.ts';
import { StoreAdapter } from './oidc/adapter.ts';
import { createProvider } from './oidc/provider.ts';
import { logProviderEvents } from './oidc/provider-events.ts';
import { SigningKeyStore } from './oidc/signing-keys.ts';
import type { DocumentStore } from './store/document-store.ts';
import { BryggaError } from './errors/brygga-error.ts';
import { SessionTermination } from './oidc/session-termination.ts';
import { upstreamLogout } from './interaction/upstream-logout.ts';
import type { UpstreamLogout } from './interaction/upstream-logout.ts';
import type { KoaContextWithOIDC } from 'oidc-provider';

const staticFolder = fileURLToPath(new URL('../static', import.meta.url));

/** oidc-provider models Brygga stores (every model the enabled features use). */
export const providerModels = [
  'Session',
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'ClientCredentials',
  'Client',
  'Interaction',
  'ReplayDetection',
  'PushedAuthorizationRequest',
  'Grant',
  'BackchannelAuthenticationRequest',
  'DeviceCode',
] as const;

export interface BryggaDependencies {
  config: BryggaConfig;
  store: DocumentStore;
  logger: Logger;
  /** Login methods in the order the chooser shows them. */
  methods: LoginMethod[];
}

export interface Brygga {
  app: Koa;
  provider: Provider;
  audit: AuditLog;
  metrics: Metrics;
  clients: ClientRepository;
  domain: Domain;
  /** Ends the OIDC sessions of a login that ended upstream (SAML IdP-initiated logout). */
  endSessionsOfInteraction(interactionUid: string): Promise<number>;
  /** Closes the login methods it was given (for callers that own no other closer). */
  close(): Promise<void>;
}

/**
 * Builds the bridge on an open store: indexes, signing keys, seeded clients, the provider,
 * Brygga's own routes and the login methods, all in one koa app.
 */
export async function createBrygga(deps: BryggaDependencies): Promise<Brygga> {
  const { config, store, logger } = deps;
  const audit = new AuditLog(
    store,
    config.secrets.auditHashKey,
    logger.child({ component: 'audit' }),
  );
  const keys = new SigningKeyStore(store, config.secrets.keyEncryptionKey);
  const loginRecords = new LoginRecordRepository(store);
  const pendingChoices = new PendingChoiceRepository(store);
  const clients = new ClientRepository(store);
  const metrics = new Metrics();
  const domain = createDomain(store, audit, {
    selfDeclarations: { validityMonths: config.domain.declarationValidityMonths },
  });
  const policy = createLoginPolicy({ domain, audit, logger });
  const claimsRelease = domainClaimsRelease(domain);

  await StoreAdapter.ensureIndexes(store, providerModels);
  await Promise.all([
    audit.ensureIndexes(),
    keys.ensureIndexes(),
    loginRecords.ensureIndexes(),
    pendingChoices.ensureIndexes(),
  ]);
  await ensureSigningKeys(config, keys, logger);
  await domain.ensureIndexes();
  if (config.domain.seedDemoData) {
    const summary = await seedDemoDomain(store, audit, new Date(), domain);
    logger.warn(summary, 'demo care providers and staff loaded (development only)');
  }

  const jwks = await keys.loadJwks();
  const provider = createProvider({
    config,
    store,
    logger,
    jwks,
    loginRecords,
    claimsRelease,
    loginPolicy: policy,
  });
  // Configured clients pass oidc-provider's own metadata checks before they are stored.
  for (const seed of config.clients) {
    await validateClientMetadata(provider, seed).catch((error: unknown) => {
      throw new BryggaError(
        'invalid_config',
        `clients: ${seed.client_id}: ${(error as Error).message}`,
      );
    });
  }
  const seeded = await clients.seed(config.clients);
  if (seeded.length > 0) logger.info({ clients: seeded }, 'seeded clients from configuration');
  logProviderEvents(provider, logger, audit);
  audit.subscribe((event) => {
    const result = /^login\.(\w+)$/.exec(event.event)?.[1];
    if (result) metrics.logins.inc({ method: event.method ?? 'unknown', result });
  });

  const termination = new SessionTermination(provider, store, loginRecords, audit, logger);
  // The login record learns its browser session when the authorization completes.
  (provider as unknown as NodeJS.EventEmitter).on(
    'authorization.success',
    (ctx: KoaContextWithOIDC) => {
      const sessionUid = ctx.oidc.session?.uid;
      const grantId = ctx.oidc.entities.Grant?.jti;
      if (sessionUid && grantId) {
        loginRecords.bindSession(grantId, sessionUid).catch((error: unknown) => {
          logger.error({ err: error }, 'login record not bound to its session');
        });
      }
    },
  );

  const flow = new LoginFlow({
    config,
    store,
    logger,
    audit,
    provider,
    policy,
    loginRecords,
    pendingChoices,
  });
  const { methods } = deps;

  const app = new Koa({
    keys: config.secrets.cookieKeys,
    proxy: config.http.trustedProxies.length > 0,
    // The right-most entries are the ones our own proxies wrote (BankID endUserIp).
    maxIpsCount: config.http.proxyHops,
  });
  // Cookies are signed with the same keys as oidc-provider's (its cookies are read here too).
  app.use(trustedProxies(config.http.trustedProxies));
  app.use(requestContext(logger));
  app.use(rememberLanguage());
  app.use(securityHeaders());
  if (config.metrics.enabled) app.use(metrics.middleware());
  app.use(errorHandler(logger));
  app.use(mount('/static', serve(staticFolder, { maxage: 3600_000 })));
  const samlMethod = methods.find(
    (method): method is LoginMethod & UpstreamLogout => 'startLogout' in method,
  );
  app.use(upstreamLogout(provider, loginRecords, samlMethod, logger));
  // The provider's own endpoints go straight to it, past Brygga's routers (token endpoint
  // throughput); everything else is routed first and reaches the provider last.
  const providerApp = mount(provider);
  app.use((ctx, next) => (isProviderPath(ctx.path) ? providerApp(ctx, next) : next()));
  const routers = [
    healthRoutes(store),
    ...(config.metrics.enabled ? [metrics.routes()] : []),
    interactionRoutes({
      provider,
      flow,
      methods,
      pendingChoices,
      interactionTtl: config.oidc.ttl.interaction,
    }),
    ...methods.map((method) => method.routes(flow)),
  ];
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  app.use(providerApp);

  return {
    app,
    provider,
    audit,
    metrics,
    clients,
    domain,
    endSessionsOfInteraction: (interactionUid) =>
      termination.endSessionsOfInteraction(interactionUid),
    async close() {
      await Promise.all(methods.map((method) => method.close?.()));
    },
  };
}

/** First path segments of oidc-provider's routes (its defaults; Brygga changes none). */
const providerSegments = new Set([
  'auth',
  'token',
  'me',
  'jwks',
  'session',
  'request',
  '.well-known',
]);

function isProviderPath(path: string): boolean {
  return providerSegments.has(path.split('/', 2)[1] ?? '');
}

/** Keys are created once and then only by `npm run keys -- rotate`, never silently. */
async function ensureSigningKeys(
  config: BryggaConfig,
  keys: SigningKeyStore,
  logger: Logger,
): Promise<void> {
  if (await keys.hasKeys()) return;
  if (config.env === 'production') {
    throw new BryggaError(
      'invalid_config',
      'No signing keys in the database: run `npm run keys -- rotate` once before starting',
    );
  }
  await keys.rotate();
  logger.warn(
    'no signing keys found: created a first set (development only; production requires `npm run keys -- rotate`)',
  );
}
