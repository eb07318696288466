import { randomUUID } from 'node:crypto';
import { escapeXml as x } from '../../saml/metadata/xml-dom.ts';

/** An IdP-initiated LogoutRequest (SAML core 3.7.1), unsigned; the caller signs it. */
export function idpLogoutRequest(input: {
  issuer: string;
  destination: string;
  nameId: string;
  sessionIndex: string | undefined;
}): string {
  const sessionIndex = input.sessionIndex
    ? `<samlp:SessionIndex>${x(input.sessionIndex)}</samlp:SessionIndex>`
    : '';
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"` +
    ` xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0"` +
    ` IssueInstant="${new Date().toISOString()}" Destination="${x(input.destination)}">` +
    `<saml:Issuer>${x(input.issuer)}</saml:Issuer><saml:NameID>${x(input.nameId)}</saml:NameID>` +
    `${sessionIndex}</samlp:LogoutRequest>`
  );
}
