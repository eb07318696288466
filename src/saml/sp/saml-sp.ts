import type { AuditLog } from '../../audit/audit-log.ts';
import type { SamlConfig } from '../../config/sections/saml.ts';
import type { Logger } from '../../log/logger.ts';
import type { DocumentStore } from '../../store/document-store.ts';
import { metadataSources } from '../metadata/metadata-source.ts';
import { TrustList } from '../metadata/trust-list.ts';
import type { ValidateSamlResponse } from '../validation/index.ts';
import { AuthnRequestStore } from './request-store.ts';
import { SamlSessionStore } from './session-store.ts';
import { spEndpoints } from './sp-endpoints.ts';
import type { SpEndpoints } from './sp-endpoints.ts';
import { loadSpKeys } from './sp-keys.ts';
import type { SpKeyRing } from './sp-keys.ts';
import { spMetadataXml } from './sp-metadata.ts';

/** Everything the SP's routes share, built once when the bridge starts. */
export interface SamlSp {
  config: SamlConfig;
  endpoints: SpEndpoints;
  keys: SpKeyRing;
  metadataXml: string;
  trustList: TrustList;
  requests: AuthnRequestStore;
  sessions: SamlSessionStore;
  store: DocumentStore;
  logger: Logger;
  audit: AuditLog;
  validateResponse: ValidateSamlResponse;
  now(): Date;
}

export interface SamlSpDependencies {
  config: SamlConfig;
  issuer: string;
  production: boolean;
  store: DocumentStore;
  logger: Logger;
  audit: AuditLog;
  validateResponse: ValidateSamlResponse;
  now?: () => Date;
}

export async function createSamlSp(dependencies: SamlSpDependencies): Promise<SamlSp> {
  const { config, store, audit } = dependencies;
  const logger = dependencies.logger.child({ component: 'saml' });
  const now = dependencies.now ?? (() => new Date());
  const endpoints = spEndpoints(config.sp, dependencies.issuer);
  const keys = await loadSpKeys(config.sp, dependencies.production, store, logger);
  const trustList = new TrustList({
    sources: metadataSources(config),
    disabledIdps: config.disabledIdps,
    allowSha1: config.allowSha1,
    store,
    logger,
    audit,
    now,
  });
  await trustList.start();
  return {
    config,
    endpoints,
    keys,
    metadataXml: spMetadataXml(config.sp, endpoints, keys),
    trustList,
    requests: new AuthnRequestStore(store),
    sessions: new SamlSessionStore(store),
    store,
    logger,
    audit,
    validateResponse: dependencies.validateResponse,
    now,
  };
}
