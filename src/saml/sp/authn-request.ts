import { randomBytes } from 'node:crypto';
import { escapeXml as x } from '../metadata/xml-dom.ts';

export interface AuthnRequestInput {
  spEntityId: string;
  acsUrl: string;
  destination: string;
  /** Every LoA URI the client accepts; the response must carry one of them. */
  acrValues: string[];
  forceAuthn: boolean;
  now: Date;
}

/** An xs:ID: starts with a letter or underscore, 160 random bits. */
export function newMessageId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/**
 * The AuthnRequest Brygga sends (SAML core 3.4.1, SC-DEPLOY 5): Destination and ACS URL set,
 * ForceAuthn always explicit, RequestedAuthnContext `exact` listing every acceptable LoA.
 */
export function authnRequestXml(input: AuthnRequestInput, id: string): string {
  const classRefs = input.acrValues
    .map((acr) => `<saml:AuthnContextClassRef>${x(acr)}</saml:AuthnContextClassRef>`)
    .join('');
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"` +
    ` xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0"` +
    ` IssueInstant="${input.now.toISOString()}" Destination="${x(input.destination)}"` +
    ` ForceAuthn="${input.forceAuthn}" AssertionConsumerServiceURL="${x(input.acsUrl)}"` +
    ` ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
    `<saml:Issuer>${x(input.spEntityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy AllowCreate="true"/>` +
    `<samlp:RequestedAuthnContext Comparison="exact">${classRefs}</samlp:RequestedAuthnContext>` +
    `</samlp:AuthnRequest>`
  );
}
