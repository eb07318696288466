import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { SignatureAlgorithmType } from 'xml-crypto';
import { EcdsaSha256, ecdsaSha256 } from './ecdsa-signature.ts';
import { attribute, childElements, ns, parseXml } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import {
  allowedDigestAlgorithms,
  allowedSignatureAlgorithms,
  canonicalizations,
  envelopedSignature,
} from './algorithms.ts';
import { reject } from './rejection.ts';

export interface SignatureCheck {
  /** The whole document text the element sits in (xml-crypto dereferences the ID in it). */
  documentXml: string;
  /** The element whose enveloped signature is checked (Response or Assertion). */
  signedElement: Element;
  signature: Element;
  trustedKeys: KeyObject[];
  allowSha1: boolean;
}

/**
 * Verifies the enveloped signature of one element with pinned keys only (never KeyInfo),
 * and returns the element rebuilt from the exact canonical bytes that were digested, so
 * every later check reads what the IdP signed and nothing an attacker placed beside it.
 */
export function verifyEnvelopedSignature(check: SignatureCheck): Element {
  const { signedElement, signature } = check;
  const signatureMethod = assertShape(signedElement, signature, check.allowSha1);

  for (const key of check.trustedKeys) {
    const verifier = new SignedXml({ publicCert: key, getCertFromKeyInfo: () => null });
    verifier.SignatureAlgorithms[ecdsaSha256 as SignatureAlgorithmType] = EcdsaSha256;
    restrictAlgorithms(verifier, check.allowSha1);
    let valid: boolean;
    try {
      verifier.loadSignature(signature as unknown as Node);
      valid = verifier.checkSignature(check.documentXml);
    } catch {
      valid = false;
    }
    if (!valid) continue;

    const [canonical] = verifier.getSignedReferences();
    if (!canonical) reject('signature_invalid', 'signature verified but referenced nothing');
    return parseXml(canonical).documentElement as Element;
  }
  return reject(
    'signature_invalid',
    `<${signedElement.localName}> signature (${signatureMethod}) does not verify ` +
      'with any trusted IdP certificate',
  );
}

/** SAML core 5.4: one Reference, to the ID of the element the signature sits in. */
function assertShape(signedElement: Element, signature: Element, allowSha1: boolean): string {
  const id = attribute(signedElement, 'ID');
  const where = `<${signedElement.localName}> signature`;
  if (!id) reject('signature_structure', `${where}: the signed element has no ID`);

  const signedInfos = childElements(signature, ns.dsig, 'SignedInfo');
  if (signedInfos.length !== 1) reject('signature_structure', `${where}: not one SignedInfo`);
  const signedInfo = signedInfos[0] as Element;
  const references = childElements(signedInfo, ns.dsig, 'Reference');
  if (references.length !== 1) reject('signature_structure', `${where}: not one Reference`);
  const reference = references[0] as Element;
  if (attribute(reference, 'URI') !== `#${id}`) {
    reject('signature_structure', `${where}: Reference does not point at the signed element`);
  }

  const c14n = algorithmOf(signedInfo, 'CanonicalizationMethod');
  if (!c14n || !canonicalizations.has(c14n)) {
    reject('signature_algorithm', `${where}: canonicalization ${c14n ?? 'missing'} refused`);
  }
  const method = algorithmOf(signedInfo, 'SignatureMethod');
  if (!method || !allowedSignatureAlgorithms(allowSha1).has(method)) {
    reject('signature_algorithm', `${where}: signature method ${method ?? 'missing'} refused`);
  }
  const digest = algorithmOf(reference, 'DigestMethod');
  if (!digest || !allowedDigestAlgorithms(allowSha1).has(digest)) {
    reject('signature_algorithm', `${where}: digest method ${digest ?? 'missing'} refused`);
  }
  const transforms = childElements(reference, ns.dsig, 'Transforms');
  for (const transform of transforms.flatMap((t) => childElements(t, ns.dsig, 'Transform'))) {
    const algorithm = attribute(transform, 'Algorithm') ?? '';
    if (algorithm !== envelopedSignature && !canonicalizations.has(algorithm)) {
      reject('signature_algorithm', `${where}: transform ${algorithm} refused`);
    }
  }
  return method;
}

function algorithmOf(parent: Element, name: string): string | undefined {
  const elements = childElements(parent, ns.dsig, name);
  if (elements.length !== 1) return undefined;
  return attribute(elements[0] as Element, 'Algorithm');
}

function restrictAlgorithms(verifier: SignedXml, allowSha1: boolean): void {
  const signatures = allowedSignatureAlgorithms(allowSha1);
  const digests = allowedDigestAlgorithms(allowSha1);
  for (const name of Object.keys(verifier.SignatureAlgorithms)) {
    if (!signatures.has(name)) delete verifier.SignatureAlgorithms[name];
  }
  for (const name of Object.keys(verifier.HashAlgorithms)) {
    if (!digests.has(name)) delete verifier.HashAlgorithms[name];
  }
}

const keyCache = new Map<string, KeyObject>();

/** PEM or bare base64 certificates (metadata X509Certificate text) to public keys. */
export function trustedKeysFrom(certificates: string[]): KeyObject[] {
  return certificates.map((certificate) => {
    const cached = keyCache.get(certificate);
    if (cached) return cached;
    const body = certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    const lines = body.match(/.{1,64}/g) ?? [];
    const pem = ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join(
      '\n',
    );
    const key = createPublicKey(pem);
    if (keyCache.size < 256) keyCache.set(certificate, key);
    return key;
  });
}
