import { escapeXml as x } from '../../saml/metadata/xml-dom.ts';

export interface SimulatorMetadataOptions {
  entityId: string;
  baseUrl: string;
  signingCertificatePem: string;
  displayName: { sv: string; en: string };
  assuranceCertifications: string[];
}

const bindings = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
};

/** IdP metadata for the simulator, shaped like the Inera and Sweden Connect IdPs'. */
export function simulatorIdpMetadata(options: SimulatorMetadataOptions): string {
  const certificate = options.signingCertificatePem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  const assurance = options.assuranceCertifications
    .map((value) => `<saml:AttributeValue>${x(value)}</saml:AttributeValue>`)
    .join('');
  const endpoints = (element: string, path: string) =>
    Object.values(bindings)
      .map(
        (binding) =>
          `<md:${element} Binding="${binding}" Location="${x(options.baseUrl + path)}"/>`,
      )
      .join('');
  return (
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"` +
    ` xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` xmlns:mdattr="urn:oasis:names:tc:SAML:metadata:attribute"` +
    ` xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui"` +
    ` xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${x(options.entityId)}">` +
    `<md:Extensions><mdattr:EntityAttributes>` +
    `<saml:Attribute Name="urn:oasis:names:tc:SAML:attribute:assurance-certification"` +
    ` NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${assurance}</saml:Attribute>` +
    `</mdattr:EntityAttributes></md:Extensions>` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true"` +
    ` protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:Extensions><mdui:UIInfo>` +
    `<mdui:DisplayName xml:lang="sv">${x(options.displayName.sv)}</mdui:DisplayName>` +
    `<mdui:DisplayName xml:lang="en">${x(options.displayName.en)}</mdui:DisplayName>` +
    `</mdui:UIInfo></md:Extensions>` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>` +
    `${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    endpoints('SingleLogoutService', '/slo') +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>` +
    endpoints('SingleSignOnService', '/sso') +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}
