import { SignedXml } from 'xml-crypto';

export interface SigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const sha256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const exclusiveC14n = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const enveloped = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/**
 * Adds an enveloped RSA-SHA256 signature over the element at `elementXPath`, placed after
 * the element at `afterXPath` (the Issuer in SAML messages) or first in the element.
 */
export function signEnveloped(
  xml: string,
  key: SigningKey,
  elementXPath: string,
  afterXPath?: string,
): string {
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: rsaSha256,
    canonicalizationAlgorithm: exclusiveC14n,
  });
  signer.addReference({
    xpath: elementXPath,
    transforms: [enveloped, exclusiveC14n],
    digestAlgorithm: sha256,
  });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: afterXPath
      ? { reference: afterXPath, action: 'after' }
      : { reference: elementXPath, action: 'prepend' },
  });
  return signer.getSignedXml();
}

/** XPath for a child of the root by local name, e.g. `/*[local-name()='Response']`. */
export const byLocalName = (...names: string[]) =>
  names.map((name) => `/*[local-name(.)='${name}']`).join('');
