import { verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { BryggaError } from '../../errors/brygga-error.ts';
import { toPem } from '../metadata/xml-signature.ts';

const hashes: Record<string, string> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'sha512',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': 'sha256',
};
const sha1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const maxInflated = 256 * 1024;

export interface RedirectMessage {
  field: 'SAMLRequest' | 'SAMLResponse';
  xml: string;
  relayState?: string;
}

/**
 * SAML bindings 3.4.4.1: verifies the detached signature over the query parameters exactly
 * as received, with the peer's metadata certificates, then inflates the message.
 */
export function readSignedRedirect(
  rawQuery: string,
  certificates: string[],
  allowSha1: boolean,
): RedirectMessage {
  const raw = new Map<string, string>();
  for (const pair of rawQuery.replace(/^\?/, '').split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key && !raw.has(key)) raw.set(key, value);
  }
  const field = raw.has('SAMLRequest') ? 'SAMLRequest' : 'SAMLResponse';
  const message = raw.get(field);
  const sigAlg = raw.get('SigAlg');
  const signature = raw.get('Signature');
  if (!message) throw new BryggaError('bad_request', 'no SAML message in the query');
  if (!sigAlg || !signature) throw new BryggaError('saml_invalid', 'the message is not signed');
  const algorithm = decodeURIComponent(sigAlg);
  const hash = algorithm === sha1 && allowSha1 ? 'sha1' : hashes[algorithm];
  if (!hash) throw new BryggaError('saml_invalid', 'signature algorithm refused');

  const relayState = raw.get('RelayState');
  const signed =
    `${field}=${message}` +
    (relayState !== undefined ? `&RelayState=${relayState}` : '') +
    `&SigAlg=${sigAlg}`;
  const signatureBytes = Buffer.from(decodeURIComponent(signature), 'base64');
  const valid = certificates.some((certificate) => {
    try {
      return verify(hash, Buffer.from(signed), toPem(certificate), signatureBytes);
    } catch {
      return false;
    }
  });
  if (!valid) throw new BryggaError('saml_invalid', 'signature does not verify');

  const xml = inflate(message);
  return {
    field,
    xml,
    ...(relayState !== undefined && { relayState: decodeURIComponent(relayState) }),
  };
}

/** The message before its signature is checked: only to learn which IdP claims to send it. */
export function peekRedirectXml(rawQuery: string): string {
  const params = new URLSearchParams(rawQuery);
  const message = params.get('SAMLRequest') ?? params.get('SAMLResponse');
  if (!message) throw new BryggaError('bad_request', 'no SAML message in the query');
  return inflate(encodeURIComponent(message));
}

function inflate(urlEncoded: string): string {
  try {
    const deflated = Buffer.from(decodeURIComponent(urlEncoded), 'base64');
    return inflateRawSync(deflated, { maxOutputLength: maxInflated }).toString('utf8');
  } catch (cause) {
    throw new BryggaError('bad_request', 'the SAML message is not deflated base64', { cause });
  }
}
