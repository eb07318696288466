import { DOMParser } from '@xmldom/xmldom';
import { reject } from '../validation/rejection.ts';

// xmldom's typings bring in the DOM lib; these names are its global node types.
export type Document = globalThis.Document;
export type Element = globalThis.Element;
type Node = globalThis.Node;

export const ns = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
} as const;

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;

/**
 * Parses XML that already passed `assertSafeXml` and the schema check into the DOM that
 * xml-crypto works on. Any parser complaint is a refusal, never a console warning.
 */
export function parseXml(xml: string): Document {
  const complain = (message: string): never => reject('xml_malformed', `XML parser: ${message}`);
  const parser = new DOMParser({ errorHandler: { warning: complain, error: complain } });
  let document: Document | undefined;
  try {
    document = parser.parseFromString(xml, 'text/xml');
  } catch (error) {
    if ((error as { rule?: string }).rule) throw error;
    reject('xml_malformed', 'XML parser failed', error);
  }
  if (!document?.documentElement) reject('xml_malformed', 'no root element');
  return document;
}

export function isElement(node: Node | null | undefined, namespace: string, name: string): boolean {
  return (
    node?.nodeType === ELEMENT &&
    (node as Element).namespaceURI === namespace &&
    (node as Element).localName === name
  );
}

/** Direct element children with this namespace and local name, in document order. */
export function childElements(parent: Element, namespace: string, name: string): Element[] {
  const found: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (isElement(child, namespace, name)) found.push(child as Element);
  }
  return found;
}

export function allChildElements(parent: Element): Element[] {
  const found: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT) found.push(child as Element);
  }
  return found;
}

export function childElement(
  parent: Element,
  namespace: string,
  name: string,
): Element | undefined {
  return childElements(parent, namespace, name)[0];
}

/** Every descendant element with this namespace and local name, at any depth. */
export function descendants(root: Element, namespace: string, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(namespace, name));
}

/**
 * The whole text of an element: every text and CDATA child joined, so a comment can
 * never split or shorten a value (`user@x<!---->.evil` reads as `user@x.evil`).
 * Element children are refused: identity values are simple strings.
 */
export function wholeText(element: Element): string {
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT || child.nodeType === CDATA) text += child.nodeValue ?? '';
    else if (child.nodeType === ELEMENT) {
      reject('attribute_invalid', `<${element.localName}> holds an element, expected text`);
    }
  }
  return text;
}

export function hasComment(root: Node): boolean {
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === COMMENT || hasComment(child)) return true;
  }
  return false;
}

export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}
