import { escapeXml as x } from '../metadata/xml-dom.ts';

const protocol =
  'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
  'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';

/** SAML core 3.7.1: names the principal and the session being ended. */
export function logoutRequestXml(input: {
  id: string;
  issuer: string;
  destination: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  now: Date;
}): string {
  const format = input.nameIdFormat ? ` Format="${x(input.nameIdFormat)}"` : '';
  const sessionIndex = input.sessionIndex
    ? `<samlp:SessionIndex>${x(input.sessionIndex)}</samlp:SessionIndex>`
    : '';
  return (
    `<samlp:LogoutRequest ${protocol} ID="${input.id}" Version="2.0"` +
    ` IssueInstant="${input.now.toISOString()}" Destination="${x(input.destination)}">` +
    `<saml:Issuer>${x(input.issuer)}</saml:Issuer>` +
    `<saml:NameID${format}>${x(input.nameId)}</saml:NameID>${sessionIndex}</samlp:LogoutRequest>`
  );
}

/** SAML core 3.7.2: Success, or PartialLogout when a session could not be ended. */
export function logoutResponseXml(input: {
  id: string;
  issuer: string;
  destination: string;
  inResponseTo: string;
  status: 'Success' | 'PartialLogout';
  now: Date;
}): string {
  const success = 'urn:oasis:names:tc:SAML:2.0:status:Success';
  const status =
    input.status === 'Success'
      ? `<samlp:StatusCode Value="${success}"/>`
      : `<samlp:StatusCode Value="${success}"><samlp:StatusCode` +
        ` Value="urn:oasis:names:tc:SAML:2.0:status:PartialLogout"/></samlp:StatusCode>`;
  return (
    `<samlp:LogoutResponse ${protocol} ID="${input.id}" Version="2.0"` +
    ` IssueInstant="${input.now.toISOString()}" Destination="${x(input.destination)}"` +
    ` InResponseTo="${x(input.inResponseTo)}"><saml:Issuer>${x(input.issuer)}</saml:Issuer>` +
    `<samlp:Status>${status}</samlp:Status></samlp:LogoutResponse>`
  );
}
