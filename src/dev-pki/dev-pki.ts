// @peculiar/x509 resolves its crypto through tsyringe, which needs the reflect polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A PEM certificate with its PKCS#8 PEM private key. */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/**
 * Development and test certificates only: the simulators' TLS servers, the RP client
 * certificates Brygga presents to them, signing certificates and SITHS-like cards.
 * Nothing here is used with NODE_ENV=production.
 */
export async function createCertificateAuthority(commonName: string): Promise<IssuedCertificate> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}, O=Brygga development`,
    keys,
    notBefore: daysFromNow(-1),
    notAfter: daysFromNow(3650),
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return toIssued(certificate, keys);
}

export interface LeafOptions {
  /** Full subject DN, e.g. `CN=Test, serialNumber=SE...`. */
  subject: string;
  /** DNS names and IP addresses for server certificates. */
  hosts?: string[];
  usage: 'server' | 'client' | 'signing';
  notBefore?: Date;
  notAfter?: Date;
}

export async function issueCertificate(
  authority: IssuedCertificate,
  options: LeafOptions,
): Promise<IssuedCertificate> {
  const keys = await generateKeys();
  const extendedUsage = {
    server: [x509.ExtendedKeyUsage.serverAuth],
    client: [x509.ExtendedKeyUsage.clientAuth],
    signing: [] as string[],
  }[options.usage];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.AuthorityKeyIdentifierExtension.create(authority.certificate, false),
  ];
  if (extendedUsage.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(extendedUsage));
  if (options.hosts?.length) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        options.hosts.map((host): x509.JsonGeneralName =>
          /^[\d.]+$|:/.test(host) ? { type: 'ip', value: host } : { type: 'dns', value: host },
        ),
      ),
    );
  }
  const certificate = await x509.X509CertificateGenerator.create({
    subject: options.subject,
    issuer: authority.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    notBefore: options.notBefore ?? daysFromNow(-1),
    notAfter: options.notAfter ?? daysFromNow(365),
    extensions,
  });
  return toIssued(certificate, keys);
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(rsa, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

async function toIssued(
  certificate: x509.X509Certificate,
  keys: CryptoKeyPair,
): Promise<IssuedCertificate> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const privateKeyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  return { certificatePem: certificate.toString('pem'), privateKeyPem, certificate, keys };
}

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}
