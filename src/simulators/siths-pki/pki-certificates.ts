import { randomBytes, webcrypto } from 'node:crypto';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { x509 } from '../../connectors/siths-card/x509.ts';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/**
 * Certificates for the development SITHS-like PKI, beyond dev-pki.ts: an issuing CA under a
 * root, cards with SITHS subject fields and AIA/CRL pointers, a delegated OCSP signer.
 */
const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface CardOptions {
  /** HSA-ID for the subject serialNumber (upstreams.md §3.2), e.g. SE5565594230-ABC1. */
  hsaId: string;
  givenName: string;
  surname: string;
  organization?: string;
  ocspUrl?: string;
  crlUrl?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Key usage; a SITHS authentication certificate has digitalSignature. */
  keyUsage?: number;
}

export async function issueIssuingCa(
  root: IssuedCertificate,
  commonName: string,
): Promise<IssuedCertificate> {
  const keys = await generateKeys();
  return sign(root, keys, {
    subject: `CN=${commonName}, O=Brygga development, C=SE`,
    notAfter: daysFromNow(3000),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
}

export async function issueCard(
  ca: IssuedCertificate,
  options: CardOptions,
): Promise<IssuedCertificate> {
  const keys = await generateKeys();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(options.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  ];
  if (options.ocspUrl)
    extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: options.ocspUrl }));
  if (options.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([options.crlUrl]));
  return sign(ca, keys, {
    subject: [
      { '2.5.4.6': ['SE'] },
      { '2.5.4.10': [options.organization ?? 'Brygga development region'] },
      { '2.5.4.3': [`${options.givenName} ${options.surname}`] },
      { '2.5.4.42': [options.givenName] },
      { '2.5.4.4': [options.surname] },
      { '2.5.4.5': [options.hsaId] },
    ],
    notBefore: options.notBefore,
    notAfter: options.notAfter ?? daysFromNow(730),
    extensions,
  });
}

/** RFC 6960 4.2.2.2: a responder certificate the CA issued with id-kp-OCSPSigning. */
export async function issueOcspSigner(ca: IssuedCertificate): Promise<IssuedCertificate> {
  const keys = await generateKeys();
  return sign(ca, keys, {
    subject: 'CN=Brygga development SITHS OCSP responder, O=Brygga development, C=SE',
    notAfter: daysFromNow(365),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.9']),
    ],
  });
}

interface SignOptions {
  subject: string | x509.JsonName;
  notBefore?: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}

async function sign(
  issuer: IssuedCertificate,
  keys: CryptoKeyPair,
  options: SignOptions,
): Promise<IssuedCertificate> {
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: positiveSerial(),
    subject: options.subject,
    issuer: issuer.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    notBefore: options.notBefore ?? daysFromNow(-1),
    notAfter: options.notAfter,
    extensions: [
      ...options.extensions,
      await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate, false),
    ],
  });
  return toIssued(certificate, keys);
}

export async function toIssued(
  certificate: x509.X509Certificate,
  keys: CryptoKeyPair,
): Promise<IssuedCertificate> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const privateKeyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  return { certificatePem: certificate.toString('pem'), privateKeyPem, certificate, keys };
}

export async function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(rsa, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}

/** RFC 5280 4.1.2.2: positive, at most 20 octets; 16 random octets with the top bit clear. */
function positiveSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
