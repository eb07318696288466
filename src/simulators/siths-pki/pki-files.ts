import { createPrivateKey, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { x509 } from '../../connectors/siths-card/x509.ts';

const rsaImport = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/** `<name>.pem` and `<name>.key` (PKCS#8) in the development PKI directory. */
export function filesOf(directory: string, name: string): { certificate: string; key: string } {
  return {
    certificate: path.join(directory, `${name}.pem`),
    key: path.join(directory, `${name}.key`),
  };
}

/** Writes a certificate and its key; the key file is readable by the owner only. */
export function saveIssued(directory: string, name: string, issued: IssuedCertificate): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const files = filesOf(directory, name);
  writeFileSync(files.certificate, issued.certificatePem);
  writeFileSync(files.key, issued.privateKeyPem, { mode: 0o600 });
}

/** Reads back what saveIssued wrote, or undefined when it is not there. */
export async function loadIssued(
  directory: string,
  name: string,
): Promise<IssuedCertificate | undefined> {
  const files = filesOf(directory, name);
  if (!existsSync(files.certificate) || !existsSync(files.key)) return undefined;

  const certificatePem = readFileSync(files.certificate, 'utf8');
  const privateKeyPem = readFileSync(files.key, 'utf8');
  const certificate = new x509.X509Certificate(certificatePem);
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, rsaImport, true, ['sign']);
  const publicKey = await certificate.publicKey.export(rsaImport, ['verify']);
  return { certificatePem, privateKeyPem, certificate, keys: { privateKey, publicKey } };
}
