import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { SamlTestPerson } from '../../config/sections/saml-test-people.ts';
import { escapeXml as x } from '../../saml/metadata/xml-dom.ts';
import { attributesFor } from './person-attributes.ts';
import type { ReceivedAuthnRequest } from './authn-request.ts';
import { byLocalName, signEnveloped } from './xml-sign.ts';
import type { SigningKey } from './xml-sign.ts';

interface XmlEncryption {
  encrypt(
    content: string,
    options: Record<string, unknown>,
    callback: (error: Error | null, result?: string) => void,
  ): void;
}
// The library ships no type declarations; this is the one function used.
const xmlenc = createRequire(import.meta.url)('@authenio/xml-encryption') as XmlEncryption;

export interface ResponseContext {
  idpEntityId: string;
  spEntityId: string;
  signingKey: SigningKey;
  /** The SP's encryption certificate (PEM); absent: the assertion is sent in the clear. */
  encryptionCertificatePem?: string;
  /** Seconds the assertion stays valid. */
  lifetimeSeconds?: number;
  now?: Date;
}

const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const statusPrefix = 'urn:oasis:names:tc:SAML:2.0:status:';
const samlNs =
  'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
  'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';

/** A signed Response for the person, the assertion signed and optionally encrypted. */
export async function loginResponse(
  request: ReceivedAuthnRequest,
  person: SamlTestPerson,
  context: ResponseContext,
): Promise<string> {
  const now = context.now ?? new Date();
  const requested = request.requestedClassRefs;
  if (requested.length > 0 && !requested.includes(person.loa)) {
    return failureResponse(request, context, 'Requester', 'NoAuthnContext');
  }
  const until = new Date(now.getTime() + (context.lifetimeSeconds ?? 300) * 1000).toISOString();
  const assertionId = `_${randomUUID()}`;
  const nameIdFormat =
    person.style === 'inera'
      ? 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient'
      : 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
  const attributes = attributesFor(person, randomUUID())
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${x(name)}" NameFormat="${uriFormat}">` +
        values.map((value) => `<saml:AttributeValue>${x(value)}</saml:AttributeValue>`).join('') +
        `</saml:Attribute>`,
    )
    .join('');
  const assertion =
    `<saml:Assertion ${samlNs} ID="${assertionId}" Version="2.0"` +
    ` IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${x(context.idpEntityId)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${nameIdFormat}">_${randomUUID()}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData InResponseTo="${x(request.id)}" NotOnOrAfter="${until}"` +
    ` Recipient="${x(request.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${now.toISOString()}" NotOnOrAfter="${until}">` +
    `<saml:AudienceRestriction><saml:Audience>${x(context.spEntityId)}</saml:Audience>` +
    `</saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_${randomUUID()}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${x(person.loa)}</saml:AuthnContextClassRef>` +
    `</saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
  const signedAssertion = signEnveloped(
    assertion,
    context.signingKey,
    byLocalName('Assertion'),
    byLocalName('Assertion', 'Issuer'),
  );
  const carried = context.encryptionCertificatePem
    ? `<saml:EncryptedAssertion>` +
      (await encrypt(signedAssertion, context.encryptionCertificatePem)) +
      `</saml:EncryptedAssertion>`
    : signedAssertion;
  return signedResponse(request, context, now, `${status('Success')}${carried}`);
}

/**
 * A signed Response carrying only an error status (SAML core 3.2.2.2); `second` is a SAML
 * status name (`AuthnFailed`) or a full URI (the Sweden Connect cancel status).
 */
export function failureResponse(
  request: ReceivedAuthnRequest,
  context: ResponseContext,
  topLevel: 'Requester' | 'Responder',
  second?: string,
): string {
  return signedResponse(request, context, context.now ?? new Date(), status(topLevel, second));
}

function status(code: string, second?: string): string {
  const secondUri = second?.includes(':') ? second : `${statusPrefix}${second}`;
  const inner = second ? `<samlp:StatusCode Value="${secondUri}"/>` : '';
  return (
    `<samlp:Status><samlp:StatusCode Value="${statusPrefix}${code}">${inner}` +
    `</samlp:StatusCode></samlp:Status>`
  );
}

function signedResponse(
  request: ReceivedAuthnRequest,
  context: ResponseContext,
  now: Date,
  body: string,
): string {
  const response =
    `<samlp:Response ${samlNs} ID="_${randomUUID()}" Version="2.0"` +
    ` IssueInstant="${now.toISOString()}" Destination="${x(request.acsUrl)}"` +
    ` InResponseTo="${x(request.id)}"><saml:Issuer>${x(context.idpEntityId)}</saml:Issuer>` +
    `${body}</samlp:Response>`;
  return signEnveloped(
    response,
    context.signingKey,
    byLocalName('Response'),
    byLocalName('Response', 'Issuer'),
  );
}

/** SC-DEPLOY: AES-CBC content encryption (mandatory to support), RSA-OAEP key transport. */
function encrypt(xml: string, certificatePem: string): Promise<string> {
  return new Promise((resolve, reject) => {
    xmlenc.encrypt(
      xml,
      {
        rsa_pub: certificatePem,
        pem: certificatePem,
        encryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: true,
      },
      (error, result) =>
        error || !result ? reject(error ?? new Error('no result')) : resolve(result),
    );
  });
}
