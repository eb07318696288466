import { attribute, childElements, elementsAt, firstChild, ns, textOf } from './xml-dom.ts';

export interface SamlEndpoint {
  binding: string;
  location: string;
}

/** What Brygga needs to know about one trusted IdP, read from its metadata. */
export interface IdpDescriptor {
  entityId: string;
  ssoServices: SamlEndpoint[];
  sloServices: SamlEndpoint[];
  /** Base64 DER certificates from KeyDescriptors for signing (or with no `use`). */
  signingCertificates: string[];
  encryptionCertificates: string[];
  wantAuthnRequestsSigned: boolean;
  displayName: { sv?: string; en?: string };
  /** `urn:oasis:names:tc:SAML:attribute:assurance-certification` values (SC-DEPLOY). */
  assuranceCertifications: string[];
  entityCategories: string[];
  /** shibmd:Scope values the IdP may assert scoped attributes (orgAffiliation) in. */
  scopes: string[];
  /** Where it came from: `federation:<id>` or `idp:<index>`. */
  source: string;
  /** Earliest validUntil of the entity and every enclosing EntitiesDescriptor. */
  validUntil?: Date;
}

const saml2Protocol = 'urn:oasis:names:tc:SAML:2.0:protocol';
const assuranceCertification = 'urn:oasis:names:tc:SAML:attribute:assurance-certification';
const entityCategory = 'http://macedir.org/entity-category';

export interface DescriptorProblem {
  entityId: string;
  problem: string;
}

/**
 * Reads every SAML 2.0 IdP in an EntityDescriptor or (nested) EntitiesDescriptor. Entities
 * past their validUntil are left out and reported, never used (SAML metadata 2.3.1).
 */
export function readIdpDescriptors(
  root: Element,
  source: string,
  now: Date,
): { idps: IdpDescriptor[]; problems: DescriptorProblem[] } {
  const idps: IdpDescriptor[] = [];
  const problems: DescriptorProblem[] = [];
  const visit = (element: Element, inheritedValidUntil?: Date) => {
    const validUntil = earliest(inheritedValidUntil, parseDate(attribute(element, 'validUntil')));
    if (element.localName === 'EntitiesDescriptor') {
      for (const child of Array.from(element.childNodes)) {
        if (child.nodeType === 1 && (child as Element).namespaceURI === ns.md) {
          visit(child as Element, validUntil);
        }
      }
      return;
    }
    if (element.localName !== 'EntityDescriptor') return;
    const entityId = attribute(element, 'entityID') ?? '';
    const idpRole = childElements(element, ns.md, 'IDPSSODescriptor').find((role) =>
      (attribute(role, 'protocolSupportEnumeration') ?? '').split(/\s+/).includes(saml2Protocol),
    );
    if (!idpRole) return;
    if (validUntil && validUntil.getTime() <= now.getTime()) {
      problems.push({ entityId, problem: 'validUntil has passed' });
      return;
    }
    const descriptor = readIdp(element, idpRole, entityId, source, validUntil);
    if (!entityId || descriptor.signingCertificates.length === 0) {
      problems.push({ entityId, problem: 'no entityID or no signing certificate' });
      return;
    }
    idps.push(descriptor);
  };
  visit(root);
  return { idps, problems };
}

function readIdp(
  entity: Element,
  role: Element,
  entityId: string,
  source: string,
  validUntil: Date | undefined,
): IdpDescriptor {
  const keys = childElements(role, ns.md, 'KeyDescriptor');
  const certificatesFor = (use: string) =>
    keys
      .filter((key) => (attribute(key, 'use') ?? use) === use)
      .flatMap((key) =>
        elementsAt(key, [
          [ns.ds, 'KeyInfo'],
          [ns.ds, 'X509Data'],
          [ns.ds, 'X509Certificate'],
        ]),
      )
      .map((certificate) => textOf(certificate).replace(/\s+/g, ''))
      .filter(Boolean);
  const endpoints = (name: string) =>
    childElements(role, ns.md, name).map((endpoint) => ({
      binding: attribute(endpoint, 'Binding') ?? '',
      location: attribute(endpoint, 'Location') ?? '',
    }));
  const entityAttributes = elementsAt(entity, [
    [ns.md, 'Extensions'],
    [ns.mdattr, 'EntityAttributes'],
    [ns.saml, 'Attribute'],
  ]);
  const valuesOf = (name: string) =>
    entityAttributes
      .filter((attr) => attribute(attr, 'Name') === name)
      .flatMap((attr) => childElements(attr, ns.saml, 'AttributeValue').map(textOf));
  const displayNames = elementsAt(role, [
    [ns.md, 'Extensions'],
    [ns.mdui, 'UIInfo'],
    [ns.mdui, 'DisplayName'],
  ]);
  const organization = firstChild(entity, ns.md, 'Organization');
  const fallbackNames = organization
    ? childElements(organization, ns.md, 'OrganizationDisplayName')
    : [];
  const nameIn = (language: string) =>
    [...displayNames, ...fallbackNames]
      .filter((name) => name.getAttributeNS(ns.xml, 'lang') === language)
      .map(textOf)[0];

  return {
    entityId,
    ssoServices: endpoints('SingleSignOnService'),
    sloServices: endpoints('SingleLogoutService'),
    signingCertificates: certificatesFor('signing'),
    encryptionCertificates: certificatesFor('encryption'),
    wantAuthnRequestsSigned: attribute(role, 'WantAuthnRequestsSigned') === 'true',
    displayName: { sv: nameIn('sv'), en: nameIn('en') },
    assuranceCertifications: valuesOf(assuranceCertification),
    entityCategories: valuesOf(entityCategory),
    scopes: elementsAt(role, [
      [ns.md, 'Extensions'],
      [ns.shibmd, 'Scope'],
    ]).map(textOf),
    source,
    ...(validUntil && { validUntil }),
  };
}

export function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
