import { verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { BryggaError } from '../../errors/brygga-error.ts';
import {
  attribute,
  childElements,
  firstChild,
  ns,
  parseSamlXml,
  textOf,
} from '../../saml/metadata/xml-dom.ts';
import { verifyRootSignature } from '../../saml/metadata/xml-signature.ts';
import type { SpPeer } from './sp-peer.ts';

/** An AuthnRequest the simulator accepted: signed by the SP, for one of its ACS URLs. */
export interface ReceivedAuthnRequest {
  id: string;
  acsUrl: string;
  forceAuthn: boolean;
  comparison?: string;
  requestedClassRefs: string[];
  relayState?: string;
}

const signatureHashes: Record<string, string> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'sha512',
};

/** SAML bindings 3.4.4.1: the signature covers the query parameters exactly as sent. */
export function readRedirectRequest(rawQuery: string, sp: SpPeer): ReceivedAuthnRequest {
  const raw = new Map<string, string>();
  for (const pair of rawQuery.replace(/^\?/, '').split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key) raw.set(key, value);
  }
  const samlRequest = raw.get('SAMLRequest');
  const sigAlg = raw.get('SigAlg');
  const signature = raw.get('Signature');
  if (!samlRequest) throw new BryggaError('bad_request', 'SAMLRequest is missing');
  if (!sigAlg || !signature)
    throw new BryggaError('saml_invalid', 'the AuthnRequest is not signed');
  const hash = signatureHashes[decodeURIComponent(sigAlg)];
  if (!hash) throw new BryggaError('saml_invalid', 'unsupported SigAlg');

  const relayState = raw.get('RelayState');
  const signed =
    `SAMLRequest=${samlRequest}` +
    (relayState !== undefined ? `&RelayState=${relayState}` : '') +
    `&SigAlg=${sigAlg}`;
  const signatureBytes = Buffer.from(decodeURIComponent(signature), 'base64');
  const valid = sp.signingCertificates.some((certificate) =>
    verify(hash, Buffer.from(signed), certificate, signatureBytes),
  );
  if (!valid) throw new BryggaError('saml_invalid', 'AuthnRequest signature does not verify');

  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(decodeURIComponent(samlRequest), 'base64')).toString('utf8');
  } catch (cause) {
    throw new BryggaError('bad_request', 'SAMLRequest is not deflated base64', { cause });
  }
  const request = readRequest(parseSamlXml(xml, 'AuthnRequest').documentElement, sp);
  return {
    ...request,
    ...(relayState !== undefined && { relayState: decodeURIComponent(relayState) }),
  };
}

/** SAML bindings 3.5: the POSTed request carries an enveloped signature. */
export function readPostRequest(samlRequest: string, relayState: string | undefined, sp: SpPeer) {
  const xml = Buffer.from(samlRequest, 'base64').toString('utf8');
  const document = verifyRootSignature(xml, {
    trustedCertificates: sp.signingCertificates,
    allowSha1: false,
    what: 'AuthnRequest',
  });
  const request = readRequest(document.documentElement, sp);
  return { ...request, ...(relayState !== undefined && { relayState }) };
}

function readRequest(root: Element, sp: SpPeer): Omit<ReceivedAuthnRequest, 'relayState'> {
  if (root.localName !== 'AuthnRequest' || root.namespaceURI !== ns.samlp) {
    throw new BryggaError('saml_invalid', 'not an AuthnRequest');
  }
  const issuer = textOf(firstChild(root, ns.saml, 'Issuer'));
  if (issuer !== sp.entityId) throw new BryggaError('saml_invalid', 'unknown SP');
  const acsUrl = attribute(root, 'AssertionConsumerServiceURL') ?? sp.acsUrls[0] ?? '';
  if (!sp.acsUrls.includes(acsUrl))
    throw new BryggaError('saml_invalid', 'ACS URL not in SP metadata');
  const context = firstChild(root, ns.samlp, 'RequestedAuthnContext');
  const comparison = context ? attribute(context, 'Comparison') : undefined;
  return {
    id: attribute(root, 'ID') ?? '',
    acsUrl,
    forceAuthn: attribute(root, 'ForceAuthn') === 'true',
    ...(comparison && { comparison }),
    requestedClassRefs: context
      ? childElements(context, ns.saml, 'AuthnContextClassRef').map(textOf)
      : [],
  };
}
