import type { X509Certificate } from 'node:crypto';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import type { Logger } from '../../log/logger.ts';
import { CertificateRejected } from './certificate-rejection.ts';
import type { CrlCache } from './crl-cache.ts';
import { askOcsp } from './ocsp-client.ts';
import { RevocationUnavailable } from './revocation-unavailable.ts';

/** Where the "not revoked" came from; `unavailable` only when the policy is fail-open. */
export type RevocationSource = 'ocsp' | 'crl' | 'not_checked' | 'unavailable';

/**
 * OCSP first (fresh, per card), the CRL when OCSP gives no usable answer. A definite
 * "revoked" or OCSP "unknown" refuses at once. With neither source answering, a source
 * configured fail-closed refuses the login (`revocation_unavailable`).
 */
export async function checkRevocation(
  card: X509Certificate,
  issuer: X509Certificate,
  context: { config: SithsCardConfig; crls: CrlCache; logger: Logger; now: Date },
): Promise<RevocationSource> {
  const { config, crls, logger, now } = context;
  const problems: string[] = [];
  let failClosed = false;

  if (config.ocsp.enabled) {
    try {
      const status = await askOcsp(card, issuer, config, now);
      if (status === 'revoked')
        throw new CertificateRejected('revoked', 'OCSP: the card is revoked');
      if (status === 'unknown') {
        throw new CertificateRejected(
          'revocation_unknown',
          'OCSP: the responder does not know the card',
        );
      }
      return 'ocsp';
    } catch (error) {
      if (!(error instanceof RevocationUnavailable)) throw error;
      problems.push(`OCSP: ${error.message}`);
      failClosed ||= config.ocsp.failClosed;
      logger.warn({ err: error }, 'OCSP gave no usable answer');
    }
  }

  if (crls.enabled) {
    try {
      if ((await crls.statusOf(card, issuer, now)) === 'revoked') {
        throw new CertificateRejected('revoked', 'CRL: the card is revoked');
      }
      return 'crl';
    } catch (error) {
      if (!(error instanceof RevocationUnavailable)) throw error;
      problems.push(`CRL: ${error.message}`);
      failClosed ||= config.crl.failClosed;
      logger.warn({ err: error }, 'no usable CRL');
    }
  }

  if (problems.length === 0) return 'not_checked';
  if (failClosed) throw new CertificateRejected('revocation_unavailable', problems.join('; '));
  logger.warn({ problems }, 'revocation unknown; accepted because the policy is fail-open');
  return 'unavailable';
}
