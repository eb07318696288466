import { SignedXml } from 'xml-crypto';
import type { SignatureAlgorithmType } from 'xml-crypto';
import { EcdsaSha256, ecdsaSha256 } from '../validation/ecdsa-signature.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import { attribute, childElements, elementsAt, ns, parseSamlXml } from './xml-dom.ts';

const sha1Algorithms = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2000/09/xmldsig#sha1',
  'http://www.w3.org/2000/09/xmldsig#dsa-sha1',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
]);

export interface RootSignatureOptions {
  /** PEM or bare base64 certificates, any of which may have signed (rollover). */
  trustedCertificates: string[];
  allowSha1: boolean;
  /** Names the message in errors, e.g. `federation metadata`. */
  what: string;
}

/**
 * Verifies the enveloped signature on the root element with pinned keys only (never a key
 * from KeyInfo) and returns the document rebuilt from the bytes the signature covers, so
 * nothing outside the signed content can be read afterwards (signature wrapping).
 */
export function verifyRootSignature(xml: string, options: RootSignatureOptions): Document {
  const document = parseSamlXml(xml, options.what);
  const root = document.documentElement;
  const signatures = childElements(root, ns.ds, 'Signature');
  if (signatures.length !== 1) {
    throw new BryggaError('saml_invalid', `${options.what}: the root must carry one signature`);
  }
  const signature = signatures[0] as Element;
  if (!options.allowSha1 && usesSha1(signature)) {
    throw new BryggaError('saml_invalid', `${options.what}: SHA-1 signatures are refused`);
  }

  for (const certificate of options.trustedCertificates) {
    const signedXml = new SignedXml({
      publicCert: toPem(certificate),
      getCertFromKeyInfo: () => null,
    });
    // Federation signers and IdPs may sign with ECDSA (SC-DEPLOY); xml-crypto ships RSA only.
    signedXml.SignatureAlgorithms[ecdsaSha256 as SignatureAlgorithmType] = EcdsaSha256;
    signedXml.loadSignature(signature);
    let valid: boolean;
    try {
      valid = signedXml.checkSignature(xml);
    } catch {
      valid = false;
    }
    if (!valid) continue;

    const references = signedXml.getReferences();
    const rootId = attribute(root, 'ID');
    const uri = references[0]?.uri ?? '';
    const coversRoot = uri === '' || (rootId !== undefined && uri === `#${rootId}`);
    const signedContent = signedXml.getSignedReferences();
    if (references.length !== 1 || !coversRoot || signedContent.length !== 1) {
      throw new BryggaError('saml_invalid', `${options.what}: the signature must cover the root`);
    }
    return parseSamlXml(signedContent[0] as string, options.what);
  }
  throw new BryggaError('saml_invalid', `${options.what}: signature does not verify`);
}

function usesSha1(signature: Element): boolean {
  const algorithms = [
    ...elementsAt(signature, [
      [ns.ds, 'SignedInfo'],
      [ns.ds, 'SignatureMethod'],
    ]),
    ...elementsAt(signature, [
      [ns.ds, 'SignedInfo'],
      [ns.ds, 'Reference'],
      [ns.ds, 'DigestMethod'],
    ]),
  ].map((element) => attribute(element, 'Algorithm') ?? '');
  return algorithms.some((algorithm) => sha1Algorithms.has(algorithm));
}

/** A PEM certificate from PEM text or bare base64 DER (as in metadata KeyInfo). */
export function toPem(certificate: string): string {
  if (certificate.includes('-----BEGIN CERTIFICATE-----')) return certificate;
  const body = certificate
    .replace(/\s+/g, '')
    .replace(/(.{64})/g, '$1\n')
    .trim();
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
