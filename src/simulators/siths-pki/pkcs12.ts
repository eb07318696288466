import {
  X509Certificate,
  createCipheriv,
  createHash,
  createHmac,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';
import { createPrivateKey } from 'node:crypto';
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import {
  AuthenticatedSafe,
  CertBag,
  MacData,
  PFX,
  PKCS12Attribute,
  SafeBag,
  SafeContents,
  id_certBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
} from '@peculiar/asn1-pfx';
import { EncryptedPrivateKeyInfo, EncryptedData } from '@peculiar/asn1-pkcs8';
import { DigestInfo } from '@peculiar/asn1-rsa';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { Integer, ObjectIdentifier, OctetString as DerOctetString, Sequence } from 'asn1js';

const oid = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha256: '2.16.840.1.101.3.4.2.1',
  localKeyId: '1.2.840.113549.1.9.21',
};
const iterations = 100_000;

/**
 * A PKCS#12 file (RFC 7292) a browser or OS key store imports: the key in a PBES2 /
 * PBKDF2-SHA256 / AES-256-CBC shrouded bag (RFC 8018), the certificate in a plain bag, and
 * an HMAC-SHA256 integrity MAC keyed by the RFC 7292 Appendix B derivation. Development only.
 */
export function createPkcs12(
  certificatePem: string,
  privateKeyPem: string,
  passphrase: string,
): Buffer {
  const certificate = new X509Certificate(certificatePem);
  const keyId = createHash('sha1').update(certificate.raw).digest();
  const attributes = [localKeyId(keyId)];

  const certBag = new SafeBag({
    bagId: id_certBag,
    bagValue: der(
      new CertBag({ certId: id_x509Certificate, certValue: der(new OctetString(certificate.raw)) }),
    ),
    bagAttributes: attributes,
  });
  const keyBag = new SafeBag({
    bagId: id_pkcs8ShroudedKeyBag,
    bagValue: der(shroudKey(privateKeyPem, passphrase)),
    bagAttributes: attributes,
  });
  const authenticatedSafe = Buffer.from(
    der(
      new AuthenticatedSafe([
        dataContent(new SafeContents([certBag])),
        dataContent(new SafeContents([keyBag])),
      ]),
    ),
  );

  const macSalt = randomBytes(16);
  const macKey = pkcs12Kdf(passphrase, macSalt, 3, iterations, 32);
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();
  const pfx = new PFX({
    version: 3,
    authSafe: new ContentInfo({
      contentType: id_data,
      content: der(new OctetString(authenticatedSafe)),
    }),
    macData: new MacData({
      mac: new DigestInfo({
        digestAlgorithm: new AlgorithmIdentifier({ algorithm: oid.sha256, parameters: null }),
        digest: new OctetString(mac),
      }),
      macSalt: new OctetString(macSalt),
      iterations,
    }),
  });
  return Buffer.from(der(pfx));
}

function shroudKey(privateKeyPem: string, passphrase: string): EncryptedPrivateKeyInfo {
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(pkcs8), cipher.final()]);

  // RFC 8018 A.4 PBES2-params and A.2 PBKDF2-params.
  const parameters = new Sequence({
    value: [
      new Sequence({
        value: [
          new ObjectIdentifier({ value: oid.pbkdf2 }),
          new Sequence({
            value: [
              new DerOctetString({ valueHex: salt }),
              new Integer({ value: iterations }),
              new Sequence({ value: [new ObjectIdentifier({ value: oid.hmacWithSha256 })] }),
            ],
          }),
        ],
      }),
      new Sequence({
        value: [
          new ObjectIdentifier({ value: oid.aes256Cbc }),
          new DerOctetString({ valueHex: iv }),
        ],
      }),
    ],
  }).toBER();

  return new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: new AlgorithmIdentifier({ algorithm: oid.pbes2, parameters }),
    encryptedData: new EncryptedData(encrypted),
  });
}

/** RFC 7292 Appendix B.2 with SHA-256 (u = 32, v = 64); the password as BMPString + NUL NUL. */
function pkcs12Kdf(
  passphrase: string,
  salt: Buffer,
  id: number,
  rounds: number,
  length: number,
): Buffer {
  const v = 64;
  const password = Buffer.concat([Buffer.from(passphrase, 'utf16le').swap16(), Buffer.alloc(2)]);
  const repeat = (source: Buffer): Buffer => {
    const repeated = Buffer.alloc(v * Math.ceil(source.length / v));
    for (let index = 0; index < repeated.length; index += 1) {
      repeated[index] = source[index % source.length] ?? 0;
    }
    return repeated;
  };
  const input = Buffer.concat([repeat(salt), repeat(password)]);
  const diversifier = Buffer.alloc(v, id);
  const output: Buffer[] = [];

  while (Buffer.concat(output).length < length) {
    let block = createHash('sha256').update(diversifier).update(input).digest();
    for (let round = 1; round < rounds; round += 1)
      block = createHash('sha256').update(block).digest();
    output.push(block);
    const b = repeat(block);
    for (let offset = 0; offset < input.length; offset += v) addOne(input, offset, b, v);
  }
  return Buffer.concat(output).subarray(0, length);
}

/** I_j = (I_j + B + 1) mod 2^(v·8), big-endian, in place. */
function addOne(target: Buffer, offset: number, b: Buffer, v: number): void {
  let carry = 1;
  for (let index = v - 1; index >= 0; index -= 1) {
    const sum = (target[offset + index] ?? 0) + (b[index] ?? 0) + carry;
    target[offset + index] = sum & 0xff;
    carry = sum >> 8;
  }
}

/** RFC 7292 4.2: pairs the key with its certificate. */
function localKeyId(keyId: Buffer): PKCS12Attribute {
  // @peculiar/asn1-pfx 2.11's PKCS12Attribute constructor drops its parameters; set the fields.
  const attribute = new PKCS12Attribute();
  attribute.attrId = oid.localKeyId;
  attribute.attrValues = [der(new OctetString(keyId))];
  return attribute;
}

function dataContent(contents: SafeContents): ContentInfo {
  return new ContentInfo({ contentType: id_data, content: der(new OctetString(der(contents))) });
}

function der(value: object): ArrayBuffer {
  return AsnConvert.serialize(value);
}
