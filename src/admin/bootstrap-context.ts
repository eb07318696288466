import { exportJWK, generateKeyPair } from 'jose';
import type Provider from 'oidc-provider';
import { AuditLog } from '../audit/audit-log.ts';
import type { BryggaConfig } from '../config/schema.ts';
import { createDomain } from '../domain/domain.ts';
import type { Domain } from '../domain/domain.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import type { Logger } from '../log/logger.ts';
import { LoginRecordRepository } from '../login/login-records.ts';
import { createLoginPolicy } from '../login/policy/index.ts';
import { domainClaimsRelease } from '../oidc/domain-claims-release.ts';
import { StoreAdapter } from '../oidc/adapter.ts';
import { createProvider } from '../oidc/provider.ts';
import type { DocumentStore } from '../store/document-store.ts';
import { MongoStore } from '../store/mongo-store.ts';

export interface BootstrapContext {
  store: DocumentStore;
  audit: AuditLog;
  domain: Domain;
}

/**
 * The operator's database for a bootstrap command. The embedded store lives inside one
 * running process, so a command run beside it would write into a store nobody reads.
 */
export async function openBootstrapContext(
  config: BryggaConfig,
  logger: Logger,
): Promise<BootstrapContext> {
  if (!config.mongodb.uri) {
    throw new BryggaError(
      'invalid_config',
      'This command writes to the database: set MONGODB_URI (the embedded store exists ' +
        'only inside a running Brygga and cannot be reached from here)',
    );
  }
  const store = await MongoStore.connect(config.mongodb.uri, config.mongodb.database);
  const audit = new AuditLog(store, config.secrets.auditHashKey, logger);
  const domain = createDomain(store, audit, {
    selfDeclarations: { validityMonths: config.domain.declarationValidityMonths },
  });
  // The same indexes Brygga creates at start-up: they keep client ids and keys unique.
  await StoreAdapter.ensureIndexes(store, ['Client']);
  await audit.ensureIndexes();
  await domain.ensureIndexes();
  return { store, audit, domain };
}

/**
 * A provider configured exactly like Brygga's, only to run oidc-provider's own client
 * metadata checks. Its signing keys are throw-away: checking a client needs a key set
 * (the allowed ID token algorithms come from it), not Brygga's real keys.
 */
export async function providerForChecks(
  config: BryggaConfig,
  context: BootstrapContext,
  logger: Logger,
): Promise<Provider> {
  const keys = await Promise.all(
    (['RS256', 'ES256'] as const).map(async (alg) => {
      const { privateKey } = await generateKeyPair(alg, { extractable: true });
      return { ...(await exportJWK(privateKey)), alg, use: 'sig' };
    }),
  );
  return createProvider({
    config,
    store: context.store,
    logger,
    jwks: { keys },
    loginRecords: new LoginRecordRepository(context.store),
    claimsRelease: domainClaimsRelease(context.domain),
    loginPolicy: createLoginPolicy({ domain: context.domain, audit: context.audit, logger }),
  });
}
