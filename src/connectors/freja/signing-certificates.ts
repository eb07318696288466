import { createHash, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { BryggaError } from '../../errors/brygga-error.ts';

/** A Freja JWS signing certificate, named by the `x5t` Freja puts in the JWS header. */
export interface SigningCertificate {
  /** base64url(SHA-1(DER)) (RFC 7515 4.1.7; upstreams.md §2.6). */
  x5t: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
}

/** Parses the configured PEM certificates; a bundle may hold several. */
export function loadSigningCertificates(pems: readonly string[]): Map<string, SigningCertificate> {
  const certificates = new Map<string, SigningCertificate>();
  for (const pem of pems.flatMap(splitPemBundle)) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch (cause) {
      throw new BryggaError('invalid_config', 'A Freja signing certificate is not a valid PEM', {
        cause,
      });
    }
    const x5t = createHash('sha1').update(certificate.raw).digest('base64url');
    certificates.set(x5t, {
      x5t,
      subject: certificate.subject.replaceAll('\n', ', '),
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
      publicKey: certificate.publicKey,
    });
  }
  return certificates;
}

/**
 * `valid`, `expired` or `not_yet_valid` at the given time. An expired Freja signing
 * certificate is never accepted: Freja rotates its key before the old certificate ends, and
 * a signature from an expired key proves nothing about when it was made (the payload's own
 * timestamp is signed by that same key).
 */
export function signingCertificateState(
  certificate: SigningCertificate,
  at: Date,
): 'valid' | 'expired' | 'not_yet_valid' {
  if (at < certificate.notBefore) return 'not_yet_valid';
  if (at > certificate.notAfter) return 'expired';
  return 'valid';
}

function splitPemBundle(text: string): string[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!blocks) {
    throw new BryggaError(
      'invalid_config',
      'A Freja signing certificate file holds no certificate',
    );
  }
  return blocks;
}
