/** XML Signature and Encryption algorithm identifiers Brygga accepts (SC-DEPLOY algorithms). */
export const signatureAlgorithms = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  rsaSha256Mgf1: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
} as const;

export const digestAlgorithms = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;

export const canonicalizations = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
]);

export const envelopedSignature = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** SC-DEPLOY: RSA-SHA256 and ECDSA-SHA256 (ECDSA verified by ecdsa-signature.ts). */
export function allowedSignatureAlgorithms(allowSha1: boolean): Set<string> {
  const allowed = new Set<string>([
    signatureAlgorithms.ecdsaSha256,
    signatureAlgorithms.rsaSha256,
    signatureAlgorithms.rsaSha512,
    signatureAlgorithms.rsaSha256Mgf1,
  ]);
  if (allowSha1) allowed.add(signatureAlgorithms.rsaSha1);
  return allowed;
}

export function allowedDigestAlgorithms(allowSha1: boolean): Set<string> {
  const allowed = new Set<string>([digestAlgorithms.sha256, digestAlgorithms.sha512]);
  if (allowSha1) allowed.add(digestAlgorithms.sha1);
  return allowed;
}
