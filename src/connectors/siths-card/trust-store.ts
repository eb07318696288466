import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BryggaError } from '../../errors/brygga-error.ts';

/** The configured SITHS CAs: roots are the trust anchors, the rest may sit between. */
export interface TrustStore {
  roots: X509Certificate[];
  intermediates: X509Certificate[];
  /** Every configured CA certificate as PEM, e.g. for the TLS listener's `ca` list. */
  pem: string[];
}

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function splitPemCertificates(text: string): string[] {
  return text.match(pemBlock) ?? [];
}

export function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}

export function trustStoreFromPem(pems: string[]): TrustStore {
  const store: TrustStore = { roots: [], intermediates: [], pem: [] };
  for (const pem of pems.flatMap(splitPemCertificates)) {
    const certificate = new X509Certificate(pem);
    if (!certificate.ca) {
      throw new BryggaError('invalid_config', `sithsCard: ${certificate.subject} is not a CA`);
    }
    (isSelfSigned(certificate) ? store.roots : store.intermediates).push(certificate);
    store.pem.push(pem);
  }
  return store;
}

/** Reads `sithsCard.caCertificatePaths`; a store without a root trusts nothing, so refuse it. */
export function loadTrustStore(paths: string[]): TrustStore {
  const texts = paths.map((path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new BryggaError('invalid_config', `sithsCard: cannot read CA file ${path}`, {
        cause: error,
      });
    }
  });
  const store = trustStoreFromPem(texts);
  if (store.roots.length === 0) {
    throw new BryggaError('invalid_config', 'sithsCard.caCertificatePaths holds no root CA');
  }
  return store;
}
