import { DOMParser } from '@xmldom/xmldom';
import { BryggaError } from '../../errors/brygga-error.ts';
import { assertSafeXml } from '../xml/harden-xml.ts';

export const ns = {
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  mdattr: 'urn:oasis:names:tc:SAML:metadata:attribute',
  mdui: 'urn:oasis:names:tc:SAML:metadata:ui',
  shibmd: 'urn:mace:shibboleth:metadata:1.0',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Federation aggregates run to megabytes; anything far larger is not metadata. */
const maxBytes = 64 * 1024 * 1024;

/**
 * Parses SAML XML after the shared pre-parse hardening (src/saml/xml): no DTD, no entities,
 * one root element, bounded size and depth, so nothing expands and nothing is fetched.
 */
export function parseSamlXml(xml: string, what: string): Document {
  try {
    assertSafeXml(xml, { maxBytes, maxDepth: 64 });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : 'unsafe XML';
    throw new BryggaError('saml_invalid', `${what}: ${reason}`, { cause });
  }
  let document: Document;
  try {
    const fail = (message: string) => {
      throw new Error(message);
    };
    document = new DOMParser({
      errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
    }).parseFromString(xml, 'application/xml');
  } catch (cause) {
    throw new BryggaError('saml_invalid', `${what}: not well-formed XML`, { cause });
  }
  const roots = Array.from(document.childNodes).filter((node) => node.nodeType === 1);
  if (roots.length !== 1 || !document.documentElement) {
    throw new BryggaError('saml_invalid', `${what}: exactly one root element is required`);
  }
  return document;
}

/** Direct child elements with the given namespace and local name. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 &&
      (node as Element).namespaceURI === namespace &&
      (node as Element).localName === localName,
  );
}

export function firstChild(
  parent: Element,
  namespace: string,
  localName: string,
): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** Follows a path of [namespace, localName] steps through direct children. */
export function elementsAt(parent: Element, path: Array<[string, string]>): Element[] {
  let level = [parent];
  for (const [namespace, localName] of path) {
    level = level.flatMap((element) => childElements(element, namespace, localName));
  }
  return level;
}

export function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}

export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}

/** Escapes text for XML element content and double-quoted attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
