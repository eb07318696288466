import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { attribute, childElement, childElements, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import { reject } from './rejection.ts';

const xenc11 = 'http://www.w3.org/2009/xmlenc11#';

/** Block ciphers (XML Encryption 1.1 §5.2); SC-DEPLOY: CBC mandatory, GCM optional. */
const blockCiphers: Record<string, { cipher: string; keyBytes: number; gcm: boolean }> = {
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc': {
    cipher: 'aes-128-cbc',
    keyBytes: 16,
    gcm: false,
  },
  'http://www.w3.org/2001/04/xmlenc#aes192-cbc': {
    cipher: 'aes-192-cbc',
    keyBytes: 24,
    gcm: false,
  },
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc': {
    cipher: 'aes-256-cbc',
    keyBytes: 32,
    gcm: false,
  },
  [`${xenc11}aes128-gcm`]: { cipher: 'aes-128-gcm', keyBytes: 16, gcm: true },
  [`${xenc11}aes192-gcm`]: { cipher: 'aes-192-gcm', keyBytes: 24, gcm: true },
  [`${xenc11}aes256-gcm`]: { cipher: 'aes-256-gcm', keyBytes: 32, gcm: true },
};

const oaepDigests: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

/**
 * Decrypts `<saml:EncryptedAssertion>` (SAML core 2.3.4) with the SP's private keys. Key
 * transport is RSA-OAEP only: RSA PKCS#1 v1.5 is refused (Bleichenbacher oracle), as are
 * 3DES and any unlisted cipher. Returns the plaintext assertion XML, which the caller
 * hardens and schema-checks like any other input.
 */
export function decryptAssertion(encrypted: Element, keys: KeyObject[]): string {
  const data = childElements(encrypted, ns.xenc, 'EncryptedData');
  if (data.length !== 1) reject('assertion_undecryptable', 'not one EncryptedData');
  const encryptedData = data[0] as Element;

  const method = childElement(encryptedData, ns.xenc, 'EncryptionMethod');
  const algorithm = method ? attribute(method, 'Algorithm') : undefined;
  const block = algorithm ? blockCiphers[algorithm] : undefined;
  if (!block) reject('assertion_undecryptable', `data cipher ${algorithm ?? 'missing'} refused`);

  const encryptedKeys = findEncryptedKeys(encrypted, encryptedData);
  if (encryptedKeys.length === 0) reject('assertion_undecryptable', 'no EncryptedKey');
  if (keys.length === 0) {
    reject('assertion_undecryptable', 'the assertion is encrypted and no SP key is configured');
  }

  const cipherText = cipherValue(encryptedData);
  for (const encryptedKey of encryptedKeys) {
    for (const key of keys) {
      const symmetricKey = unwrapKey(encryptedKey, key);
      if (!symmetricKey || symmetricKey.length !== block.keyBytes) continue;
      return decryptBlock(block, symmetricKey, cipherText);
    }
  }
  return reject(
    'assertion_undecryptable',
    'the assertion is encrypted to a key this SP does not hold',
  );
}

/** EncryptedKey in EncryptedData/KeyInfo, or beside EncryptedData (SAML core 2.3.4). */
function findEncryptedKeys(encrypted: Element, encryptedData: Element): Element[] {
  const keyInfo = childElement(encryptedData, ns.dsig, 'KeyInfo');
  const inside = keyInfo ? childElements(keyInfo, ns.xenc, 'EncryptedKey') : [];
  return [...inside, ...childElements(encrypted, ns.xenc, 'EncryptedKey')];
}

const rsaOaepMgf1p = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';

/** Key transport: rsa-oaep-mgf1p (MGF1-SHA1) or xmlenc11 rsa-oaep (MGF named, default SHA-1). */
function unwrapKey(encryptedKey: Element, key: KeyObject): Buffer | undefined {
  const method = childElement(encryptedKey, ns.xenc, 'EncryptionMethod');
  const algorithm = method ? attribute(method, 'Algorithm') : undefined;
  if (!method || (algorithm !== rsaOaepMgf1p && algorithm !== `${xenc11}rsa-oaep`)) {
    return reject('assertion_undecryptable', `key transport ${algorithm ?? 'missing'} refused`);
  }
  const digest = childElement(method, ns.dsig, 'DigestMethod');
  const digestUri = digest ? attribute(digest, 'Algorithm') : undefined;
  const oaepHash = digestUri ? oaepDigests[digestUri] : 'sha1';
  if (!oaepHash) return reject('assertion_undecryptable', `OAEP digest ${digestUri} refused`);
  const mgf = childElement(method, xenc11, 'MGF');
  const mgfHash =
    algorithm === rsaOaepMgf1p || !mgf
      ? 'sha1'
      : attribute(mgf, 'Algorithm')?.replace(`${xenc11}mgf1`, '');
  // node's privateDecrypt uses one hash for both the OAEP digest and MGF1.
  if (mgfHash !== oaepHash) {
    return reject(
      'assertion_undecryptable',
      'OAEP with differing digest and MGF1 hash is unsupported',
    );
  }
  try {
    return privateDecrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
      cipherValue(encryptedKey),
    );
  } catch {
    return undefined;
  }
}

function cipherValue(parent: Element): Buffer {
  const cipherData = childElement(parent, ns.xenc, 'CipherData');
  const value = cipherData ? childElement(cipherData, ns.xenc, 'CipherValue') : undefined;
  if (!value) reject('assertion_undecryptable', 'no CipherValue (CipherReference is refused)');
  return Buffer.from(wholeText(value).replace(/\s+/g, ''), 'base64');
}

/** XML Encryption 1.1 §5.2.2/§5.2.4: IV first; GCM tag last; CBC padding length in last byte. */
function decryptBlock(
  block: { cipher: string; gcm: boolean },
  symmetricKey: Buffer,
  cipherText: Buffer,
): string {
  const ivBytes = block.gcm ? 12 : 16;
  const tagBytes = block.gcm ? 16 : 0;
  if (cipherText.length < ivBytes + tagBytes + (block.gcm ? 0 : 16)) {
    reject('assertion_undecryptable', 'cipher text too short');
  }
  try {
    const iv = cipherText.subarray(0, ivBytes);
    const body = cipherText.subarray(ivBytes, cipherText.length - tagBytes);
    if (block.gcm) {
      const decipher = createDecipheriv(block.cipher as 'aes-256-gcm', symmetricKey, iv);
      decipher.setAuthTag(cipherText.subarray(cipherText.length - tagBytes));
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    }
    const decipher = createDecipheriv(block.cipher, symmetricKey, iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(body), decipher.final()]);
    const padding = padded[padded.length - 1] ?? 0;
    if (padding < 1 || padding > 16) throw new Error('bad padding');
    return padded.subarray(0, padded.length - padding).toString('utf8');
  } catch (error) {
    return reject('assertion_undecryptable', 'the assertion could not be decrypted', error);
  }
}
