import type { SamlSpConfig } from '../../config/sections/saml.ts';
import { escapeXml as x } from '../metadata/xml-dom.ts';
import type { SpKeyRing } from './sp-keys.ts';
import type { SpEndpoints } from './sp-endpoints.ts';

const languages = ['sv', 'en'] as const;
const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

/**
 * Our SP metadata (SC-DEPLOY 2.1.3): Organization and mdui:UIInfo in Swedish and English,
 * service entity categories, every signing and encryption certificate (rollover), the ACS
 * and SLO endpoints, and the attributes we ask for.
 */
export function spMetadataXml(
  config: SamlSpConfig,
  endpoints: SpEndpoints,
  keys: SpKeyRing,
): string {
  const localized = (element: string, values: { sv: string; en: string }) =>
    languages
      .map((lang) => `<${element} xml:lang="${lang}">${x(values[lang])}</${element}>`)
      .join('');
  const keyDescriptors = (use: 'signing' | 'encryption', pems: string[]) =>
    pems
      .map(
        (pem) =>
          `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>` +
          `${pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '')}` +
          `</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
          (use === 'encryption'
            ? `<md:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
              `<md:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>`
            : '') +
          `</md:KeyDescriptor>`,
      )
      .join('');
  const categories = config.entityCategories
    .map((category) => `<saml:AttributeValue>${x(category)}</saml:AttributeValue>`)
    .join('');
  const requested = config.requestedAttributes
    .map(
      (attribute) =>
        `<md:RequestedAttribute Name="${x(attribute.name)}" NameFormat="${uriFormat}"` +
        (attribute.friendlyName ? ` FriendlyName="${x(attribute.friendlyName)}"` : '') +
        ` isRequired="${attribute.isRequired}"/>`,
    )
    .join('');
  const slo = ['HTTP-Redirect', 'HTTP-POST']
    .map(
      (binding) =>
        `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}"` +
        ` Location="${x(endpoints.sloUrl)}"/>`,
    )
    .join('');
  const logo = config.uiInfo.logoUrl
    ? `<mdui:Logo height="64" width="64">${x(config.uiInfo.logoUrl)}</mdui:Logo>`
    : '';

  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"` +
    ` xmlns:ds="http://www.w3.org/2000/09/xmldsig#"` +
    ` xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` xmlns:mdattr="urn:oasis:names:tc:SAML:metadata:attribute"` +
    ` xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" entityID="${x(endpoints.entityId)}">` +
    `<md:Extensions><mdattr:EntityAttributes>` +
    `<saml:Attribute Name="http://macedir.org/entity-category" NameFormat="${uriFormat}">` +
    `${categories}</saml:Attribute></mdattr:EntityAttributes></md:Extensions>` +
    `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true"` +
    ` protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:Extensions><mdui:UIInfo>${localized('mdui:DisplayName', config.uiInfo.displayName)}` +
    `${localized('mdui:Description', config.uiInfo.description)}${logo}` +
    `</mdui:UIInfo></md:Extensions>` +
    keyDescriptors(
      'signing',
      keys.signing.map((key) => key.certificatePem),
    ) +
    keyDescriptors(
      'encryption',
      keys.encryption.map((key) => key.certificatePem),
    ) +
    slo +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"` +
    ` Location="${x(endpoints.acsUrl)}" index="0" isDefault="true"/>` +
    `<md:AttributeConsumingService index="0" isDefault="true">` +
    `${localized('md:ServiceName', config.uiInfo.displayName)}${requested}` +
    `</md:AttributeConsumingService>` +
    `</md:SPSSODescriptor>` +
    `<md:Organization>${localized('md:OrganizationName', config.organization.name)}` +
    `${localized('md:OrganizationDisplayName', config.organization.displayName)}` +
    `${localized('md:OrganizationURL', config.organization.url)}</md:Organization>` +
    `<md:ContactPerson contactType="technical"><md:EmailAddress>${x(config.contactEmail)}` +
    `</md:EmailAddress></md:ContactPerson>` +
    `</md:EntityDescriptor>`
  );
}
