import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BankIdConfig } from '../../config/sections/bankid.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { RpCredential } from './bankid-client.ts';

export interface PinnedRoot {
  pem: string;
  /** Subject DN, one `attribute=value` per line (node:crypto X509Certificate). */
  subject: string;
  validTo: Date;
}

/** Checks that the configured trust anchor is a CA certificate, and describes it. */
export function parsePinnedRoot(pem: string): PinnedRoot {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new BryggaError('invalid_config', 'bankid.caCertificatePath: not a certificate', {
      cause: error,
    });
  }
  if (!certificate.ca) {
    throw new BryggaError('invalid_config', 'bankid.caCertificatePath: not a CA certificate');
  }
  return {
    pem: certificate.toString(),
    subject: certificate.subject,
    validTo: new Date(certificate.validTo),
  };
}

/** Reads the pinned root and the RP certificate named by the `bankid` configuration. */
export async function loadTlsMaterial(
  config: BankIdConfig,
): Promise<{ pinnedRoot: PinnedRoot; credential: RpCredential }> {
  if (!config.caCertificatePath) {
    throw new BryggaError('invalid_config', 'bankid.caCertificatePath is required');
  }
  const pinnedRoot = parsePinnedRoot(await read(config.caCertificatePath, 'caCertificatePath'));
  if (config.pfxPath) {
    const pfx = await readFile(config.pfxPath).catch((error: unknown) => {
      throw new BryggaError('invalid_config', 'bankid.pfxPath cannot be read', { cause: error });
    });
    return { pinnedRoot, credential: { pfx, passphrase: config.pfxPassphrase } };
  }
  if (config.certificatePath && config.keyPath) {
    return {
      pinnedRoot,
      credential: {
        certificatePem: await read(config.certificatePath, 'certificatePath'),
        privateKeyPem: await read(config.keyPath, 'keyPath'),
      },
    };
  }
  throw new BryggaError('invalid_config', 'bankid: pfxPath or certificatePath + keyPath required');
}

async function read(path: string, key: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BryggaError('invalid_config', `bankid.${key} cannot be read`, { cause: error });
  }
}
