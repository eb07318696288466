import type { X509Certificate } from 'node:crypto';
import { CertificateRejected } from './certificate-rejection.ts';
import { x509 } from './x509.ts';

const clientAuth = '1.3.6.1.5.5.7.3.2';
const anyExtendedKeyUsage = '2.5.29.37.0';

/**
 * The card key must be meant for authentication: key usage digitalSignature (RFC 5280
 * 4.2.1.3) and, when the certificate limits its purposes, TLS client authentication
 * (4.2.1.12). SITHS signature-only and encryption certificates fail here.
 */
export function checkCardUsage(card: X509Certificate): void {
  const parsed = new x509.X509Certificate(card.raw);
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  if (!keyUsage || (keyUsage.usages & x509.KeyUsageFlags.digitalSignature) === 0) {
    throw new CertificateRejected(
      'wrong_key_usage',
      'the certificate is not for digital signature',
    );
  }
  const extended = card.keyUsage;
  if (extended && !extended.includes(clientAuth) && !extended.includes(anyExtendedKeyUsage)) {
    throw new CertificateRejected(
      'wrong_key_usage',
      'the certificate is not for client authentication',
    );
  }
}
