import { KeyObject, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { BinaryLike, KeyLike } from 'node:crypto';
import { createOptionalCallbackFunction } from 'xml-crypto';
import type { SignatureAlgorithm, SignatureAlgorithmType } from 'xml-crypto';

/** XML Signature 1.1 (RFC 6931 2.3.6): ECDSA with SHA-256; SC-DEPLOY requires it. */
export const ecdsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';

/**
 * ECDSA-SHA256 for xml-crypto, which ships RSA only. The SignatureValue is the raw r || s
 * pair (XML Signature 1.1, 6.4.3), not DER: hence dsaEncoding 'ieee-p1363'.
 */
export class EcdsaSha256 implements SignatureAlgorithm {
  getSignature = createOptionalCallbackFunction(
    (signedInfo: BinaryLike, privateKey: KeyLike): string =>
      sign('sha256', toBuffer(signedInfo), {
        key: privateKey instanceof KeyObject ? privateKey : createPrivateKey(privateKey as string),
        dsaEncoding: 'ieee-p1363',
      }).toString('base64'),
  );

  verifySignature = createOptionalCallbackFunction(
    (material: string, key: KeyLike, signatureValue: string): boolean => {
      const publicKey =
        key instanceof KeyObject && key.type === 'public' ? key : createPublicKey(key);
      if (publicKey.asymmetricKeyType !== 'ec') return false;
      return verify(
        'sha256',
        Buffer.from(material, 'utf8'),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signatureValue, 'base64'),
      );
    },
  );

  getAlgorithmName = (): SignatureAlgorithmType => ecdsaSha256 as SignatureAlgorithmType;
}

function toBuffer(value: BinaryLike): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value as Uint8Array);
}
