import { constants, createCipheriv, publicEncrypt, randomBytes, randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { SignatureAlgorithmType } from 'xml-crypto';
import { EcdsaSha256, ecdsaSha256 } from '../../src/saml/validation/ecdsa-signature.ts';
import { createCertificateAuthority, issueCertificate } from '../../src/dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import { MemoryReplayCache } from '../../src/saml/validation/replay-cache.ts';
import type { SamlValidationPolicy } from '../../src/saml/validation/types.ts';

/** A test IdP and SP: keys from the development PKI, messages built and signed here. */
export interface TestParties {
  idp: IssuedCertificate;
  attacker: IssuedCertificate;
  sp: IssuedCertificate;
}

let parties: Promise<TestParties> | undefined;

export function testParties(): Promise<TestParties> {
  parties ??= (async () => {
    const authority = await createCertificateAuthority('SAML test CA');
    const issue = (subject: string) => issueCertificate(authority, { subject, usage: 'signing' });
    return {
      idp: await issue('CN=Test IdP signing'),
      attacker: await issue('CN=Attacker'),
      sp: await issue('CN=Test SP encryption'),
    };
  })();
  return parties;
}

export const idpEntityId = 'https://idp.test.example/saml';
export const spEntityId = 'https://brygga.test.example/saml/sp';
export const acsUrl = 'https://brygga.test.example/saml/acs';
export const requestId = '_request-0001';
export let now = new Date('2026-03-01T10:00:00.000Z');

/** Moves the clock messages are built around (the benchmark builds them for real time). */
export function useClock(instant: Date): void {
  now = instant;
}
export const loa3 = 'http://id.elegnamnden.se/loa/1.0/loa3';

const at = (seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

export function policy(
  overrides: Partial<SamlValidationPolicy> = {},
): Promise<SamlValidationPolicy> {
  return testParties().then(({ idp, sp }) => ({
    audience: spEntityId,
    recipient: acsUrl,
    idp: { entityId: idpEntityId, signingCertificates: [idp.certificatePem] },
    decryptionKeys: [sp.privateKeyPem],
    allowedAcr: [loa3],
    findRequest: async (id: string) =>
      id === requestId
        ? { id, idpEntityId }
        : id === '_other-idp'
          ? { id, idpEntityId: 'https://elsewhere' }
          : null,
    replayCache: new MemoryReplayCache(),
    now,
    ...overrides,
  }));
}

export interface AssertionOptions {
  id?: string;
  nameId?: string;
  recipient?: string;
  audience?: string;
  inResponseTo?: string | null;
  notBefore?: string;
  notOnOrAfter?: string;
  confirmationNotOnOrAfter?: string | null;
  conditions?: boolean;
  acr?: string;
  attributes?: Record<string, string[]>;
  advice?: string;
}

export const personAttributes: Record<string, string[]> = {
  'urn:oid:1.2.752.29.4.13': ['197309069289'],
  'urn:oid:2.5.4.42': ['Tolvan'],
  'urn:oid:2.5.4.4': ['Tolvansson'],
  'urn:oid:2.16.840.1.113730.3.1.241': ['Tolvan Tolvansson'],
  'http://sambi.se/attributes/1/employeeHsaId': ['SE5591234567-abc123'],
};

const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const success = 'urn:oasis:names:tc:SAML:2.0:status:Success';

export function assertionXml(options: AssertionOptions = {}): string {
  const inResponseTo = options.inResponseTo === undefined ? requestId : options.inResponseTo;
  const irt = inResponseTo === null ? '' : ` InResponseTo="${inResponseTo}"`;
  const scdEnd =
    options.confirmationNotOnOrAfter === undefined ? at(300) : options.confirmationNotOnOrAfter;
  const scdEndAttr = scdEnd === null ? '' : ` NotOnOrAfter="${scdEnd}"`;
  const attributes = Object.entries(options.attributes ?? personAttributes)
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${name}" NameFormat="${uriFormat}">` +
        values.map((value) => `<saml:AttributeValue>${value}</saml:AttributeValue>`).join('') +
        '</saml:Attribute>',
    )
    .join('');
  const conditions =
    options.conditions === false
      ? ''
      : `<saml:Conditions NotBefore="${options.notBefore ?? at(-5)}" ` +
        `NotOnOrAfter="${options.notOnOrAfter ?? at(300)}"><saml:AudienceRestriction>` +
        `<saml:Audience>${options.audience ?? spEntityId}</saml:Audience>` +
        '</saml:AudienceRestriction></saml:Conditions>';
  return (
    '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ' +
    `ID="${options.id ?? `_a${randomUUID()}`}" ` +
    `Version="2.0" IssueInstant="${at(-1)}"><saml:Issuer>${idpEntityId}</saml:Issuer>` +
    '<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">' +
    `${options.nameId ?? '_nameid-42'}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData${irt}${scdEndAttr} ` +
    `Recipient="${options.recipient ?? acsUrl}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>${conditions}` +
    (options.advice ? `<saml:Advice>${options.advice}</saml:Advice>` : '') +
    `<saml:AuthnStatement AuthnInstant="${at(-2)}" SessionIndex="_s1"><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>${options.acr ?? loa3}</saml:AuthnContextClassRef>` +
    `<saml:AuthenticatingAuthority>https://bankid.test.example/idp</saml:AuthenticatingAuthority>` +
    '</saml:AuthnContext></saml:AuthnStatement>' +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    '</saml:Assertion>'
  );
}

export interface ResponseOptions {
  destination?: string | null;
  inResponseTo?: string | null;
  status?: string;
  extensions?: string;
}

export function responseXml(inner: string, options: ResponseOptions = {}): string {
  const irt = options.inResponseTo === undefined ? requestId : options.inResponseTo;
  const destination = options.destination === undefined ? acsUrl : options.destination;
  return (
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
    `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" ` +
    `IssueInstant="${at(-1)}"${destination === null ? '' : ` Destination="${destination}"`}` +
    `${irt === null ? '' : ` InResponseTo="${irt}"`}><saml:Issuer>${idpEntityId}</saml:Issuer>` +
    (options.extensions ? `<samlp:Extensions>${options.extensions}</samlp:Extensions>` : '') +
    `<samlp:Status><samlp:StatusCode Value="${options.status ?? success}"/>` +
    `</samlp:Status>${inner}</samlp:Response>`
  );
}

export interface SignOptions {
  sha1?: boolean;
  /** ECDSA-SHA256 (the signer's key must be an EC key). */
  ecdsa?: boolean;
}

/** Enveloped signature after the Issuer of the element (SAML core 5.4), KeyInfo included. */
export function sign(
  xml: string,
  element: 'Response' | 'Assertion',
  signer: IssuedCertificate,
  options: SignOptions = {},
): string {
  const select =
    element === 'Response' ? "/*[local-name(.)='Response']" : "//*[local-name(.)='Assertion']";
  const signature = new SignedXml({
    privateKey: signer.privateKeyPem,
    publicCert: signer.certificatePem,
    signatureAlgorithm: options.ecdsa
      ? ecdsaSha256
      : options.sha1
        ? 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'
        : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signature.SignatureAlgorithms[ecdsaSha256 as SignatureAlgorithmType] = EcdsaSha256;
  signature.addReference({
    xpath: select,
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: options.sha1
      ? 'http://www.w3.org/2000/09/xmldsig#sha1'
      : 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signature.computeSignature(xml, {
    location: { reference: `${select}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signature.getSignedXml();
}

export type DataCipher = 'aes256-gcm' | 'aes256-cbc';

/** XML Encryption of a whole assertion to the SP's key: RSA-OAEP-MGF1P + AES. */
export function encrypt(assertion: string, spCertificatePem: string, cipher: DataCipher): string {
  const key = randomBytes(32);
  const gcm = cipher === 'aes256-gcm';
  const iv = randomBytes(gcm ? 12 : 16);
  const aes = createCipheriv(gcm ? 'aes-256-gcm' : 'aes-256-cbc', key, iv);
  const body = Buffer.concat([aes.update(assertion, 'utf8'), aes.final()]);
  const tag = gcm
    ? (aes as ReturnType<typeof createCipheriv> & { getAuthTag(): Buffer }).getAuthTag()
    : Buffer.alloc(0);
  const wrapped = publicEncrypt(
    { key: spCertificatePem, padding: constants.RSA_PKCS1_OAEP_PADDING },
    key,
  );
  const algorithm = gcm
    ? 'http://www.w3.org/2009/xmlenc11#aes256-gcm'
    : 'http://www.w3.org/2001/04/xmlenc#aes256-cbc';
  return (
    '<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
    '<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" ' +
    'Type="http://www.w3.org/2001/04/xmlenc#Element">' +
    `<xenc:EncryptionMethod Algorithm="${algorithm}"/>` +
    '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>' +
    '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/>' +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue>` +
    '</xenc:CipherData>' +
    '</xenc:EncryptedKey></ds:KeyInfo>' +
    '<xenc:CipherData><xenc:CipherValue>' +
    `${Buffer.concat([iv, body, tag]).toString('base64')}</xenc:CipherValue>` +
    '</xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>'
  );
}

export const asFile = (xml: string) => ({ binding: 'file' as const, content: xml });
export const asPost = (xml: string) => ({
  binding: 'post' as const,
  samlResponse: Buffer.from(xml).toString('base64'),
});
