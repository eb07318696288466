import { readFileSync } from 'node:fs';
import type { FrejaConfig } from '../../config/sections/freja.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { FrejaConnectorOptions } from './freja-connector.ts';

/** Connector options from the `freja` config section: reads the configured PEM files. */
export function frejaConnectorOptionsFromConfig(
  config: FrejaConfig,
  logger: Logger,
): FrejaConnectorOptions {
  return {
    baseUrl: config.baseUrl,
    clientCertificatePem: readPem('freja.clientCertificatePath', config.clientCertificatePath),
    clientKeyPem: readPem('freja.clientKeyPath', config.clientKeyPath),
    caCertificatePem: readPem('freja.caCertificatePath', config.caCertificatePath),
    signingCertificatePems: config.signingCertificates.map((path, index) =>
      readPem(`freja.signingCertificates.${index}`, path),
    ),
    logger,
  };
}

/** The simulator's own trust material, for development with `freja.simulator.enabled`. */
export function frejaConnectorOptionsForSimulator(
  simulator: {
    url: string;
    caCertificatePem: string;
    signingCertificatePem: string;
    relyingPartyCertificate: { certificatePem: string; privateKeyPem: string };
  },
  logger: Logger,
): FrejaConnectorOptions {
  return {
    baseUrl: simulator.url,
    clientCertificatePem: simulator.relyingPartyCertificate.certificatePem,
    clientKeyPem: simulator.relyingPartyCertificate.privateKeyPem,
    caCertificatePem: simulator.caCertificatePem,
    signingCertificatePems: [simulator.signingCertificatePem],
    logger,
  };
}

function readPem(key: string, path: string | undefined): string {
  if (!path) throw new BryggaError('invalid_config', `${key} is required when freja.enabled`);
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new BryggaError('invalid_config', `${key}: cannot read ${path}`, { cause });
  }
}
