import { BryggaError } from '../errors/brygga-error.ts';
import type { Logger } from '../log/logger.ts';
import type { BryggaConfig } from './schema.ts';

/** A development default that is fine on a laptop and never in production. */
export interface DevelopmentDefault {
  key: string;
  inUse: (config: BryggaConfig) => boolean;
}

/** The relying parties config/default.yaml seeds for the demo; demo-rp's key is public. */
const developmentClients = new Set(['demo-rp', 'vendor-backend', 'mobile-app']);

const markers = ['development-only', 'mfmPZR6581UNQkPJmK5vmPhhBVEwHFfIeyNlUe/JR+c='];
const isDevelopmentValue = (value: string) => markers.some((marker) => value.includes(marker));

const coreDefaults: DevelopmentDefault[] = [
  { key: 'mongodb.uri', inUse: (c) => !c.mongodb.uri },
  { key: 'secrets.pairwiseSalt', inUse: (c) => isDevelopmentValue(c.secrets.pairwiseSalt) },
  { key: 'secrets.keyEncryptionKey', inUse: (c) => isDevelopmentValue(c.secrets.keyEncryptionKey) },
  { key: 'secrets.cookieKeys', inUse: (c) => c.secrets.cookieKeys.some(isDevelopmentValue) },
  { key: 'secrets.auditHashKey', inUse: (c) => isDevelopmentValue(c.secrets.auditHashKey) },
  { key: 'oidc.devLogin', inUse: (c) => c.oidc.devLogin },
  { key: 'oidc.allowPrivateNetworkFetch', inUse: (c) => c.oidc.allowPrivateNetworkFetch },
  { key: 'demo.relyingParty', inUse: (c) => c.demo.relyingParty },
  {
    key: 'clients (the development seeds demo-rp, vendor-backend, mobile-app)',
    inUse: (c) => c.clients.some((client) => developmentClients.has(client.client_id)),
  },
  { key: 'domain.seedDemoData', inUse: (c) => c.domain.seedDemoData },
  { key: 'bankid.simulator.enabled', inUse: (c) => c.bankid.enabled && c.bankid.simulator.enabled },
  { key: 'freja.simulator.enabled', inUse: (c) => c.freja.enabled && c.freja.simulator.enabled },
  {
    key: 'sithsCard.simulator.enabled',
    inUse: (c) => c.sithsCard.enabled && c.sithsCard.simulator.enabled,
  },
  { key: 'saml.simulator.enabled', inUse: (c) => c.saml.enabled && c.saml.simulator.enabled },
  { key: 'issuer (not https)', inUse: (c) => !c.issuer.startsWith('https://') },
];

/**
 * In production, refuse to start on any development default; elsewhere, warn once per
 * default so nobody mistakes a demo for a deployment.
 */
export function guardDevelopmentDefaults(config: BryggaConfig, logger: Logger): void {
  const inUse = coreDefaults.filter((entry) => entry.inUse(config));
  if (config.env === 'production' && inUse.length > 0) {
    const keys = inUse.map((entry) => entry.key).join(', ');
    throw new BryggaError(
      'invalid_config',
      `Refusing to start in production with development defaults: ${keys}`,
    );
  }
  for (const entry of inUse) {
    logger.warn({ configKey: entry.key }, `development default in use: ${entry.key}`);
  }
}
