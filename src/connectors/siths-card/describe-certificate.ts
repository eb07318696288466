import { X509Certificate } from 'node:crypto';

/** Issuer, serial and fingerprint of a certificate: identify it in logs without naming anyone. */
export function describeCertificate(der: Buffer): {
  issuer?: string;
  serial?: string;
  fingerprint?: string;
} {
  try {
    const certificate = new X509Certificate(der);
    return {
      issuer: certificate.issuer,
      serial: certificate.serialNumber,
      fingerprint: certificate.fingerprint256,
    };
  } catch {
    return {};
  }
}
