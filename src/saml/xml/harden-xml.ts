import { reject } from '../validation/rejection.ts';
import type { XmlLimits } from './limits.ts';

const xmlDeclaration = /^<\?xml[ \t\r\n][^?]*\?>/;
const utf8Declared = /encoding\s*=\s*["'](utf-8|utf8)["']/i;

/**
 * A single pass over the text before any parser sees it. Refuses what SAML never needs and
 * what parsers have been attacked through: DTDs and entity declarations (billion laughs,
 * quadratic blow-up, XXE), processing instructions other than the XML declaration, more
 * than one root element, text outside the root, and absurd nesting. Comments and CDATA
 * are skipped here; the validator decides about comments inside signed content.
 */
export function assertSafeXml(xml: string, limits: XmlLimits): void {
  if (Buffer.byteLength(xml, 'utf8') > limits.maxBytes) {
    reject('message_too_large', `message over ${limits.maxBytes} bytes`);
  }
  let position = 0;
  const declaration = xmlDeclaration.exec(xml);
  if (declaration) {
    if (/encoding\s*=/.test(declaration[0]) && !utf8Declared.test(declaration[0])) {
      reject('xml_forbidden_construct', 'only UTF-8 messages are accepted');
    }
    position = declaration[0].length;
  }

  let depth = 0;
  let rootClosed = false;
  let rootSeen = false;
  while (position < xml.length) {
    const open = xml.indexOf('<', position);
    const textEnd = open === -1 ? xml.length : open;
    if (depth === 0 && xml.slice(position, textEnd).trim() !== '') {
      reject('xml_malformed', 'text outside the root element');
    }
    if (open === -1) break;

    if (xml.startsWith('<!--', open)) {
      position = skipPast(xml, open + 4, '-->');
    } else if (xml.startsWith('<![CDATA[', open)) {
      if (depth === 0) reject('xml_malformed', 'CDATA outside the root element');
      position = skipPast(xml, open + 9, ']]>');
    } else if (xml.startsWith('<!', open)) {
      reject('xml_forbidden_construct', 'DOCTYPE, ENTITY and other declarations are refused');
    } else if (xml.startsWith('<?', open)) {
      reject('xml_forbidden_construct', 'processing instructions are refused');
    } else if (xml.startsWith('</', open)) {
      depth -= 1;
      if (depth < 0) reject('xml_malformed', 'unbalanced end tag');
      if (depth === 0) rootClosed = true;
      position = skipPast(xml, open + 2, '>');
    } else {
      if (depth === 0 && (rootClosed || rootSeen)) {
        reject('xml_forbidden_construct', 'more than one root element');
      }
      rootSeen = true;
      const end = endOfStartTag(xml, open + 1);
      const selfClosing = xml[end - 1] === '/';
      if (selfClosing) {
        if (depth === 0) rootClosed = true;
      } else {
        depth += 1;
        if (depth > limits.maxDepth) {
          reject('xml_forbidden_construct', `elements nested deeper than ${limits.maxDepth}`);
        }
      }
      position = end + 1;
    }
  }
  if (!rootSeen || depth !== 0) reject('xml_malformed', 'no complete root element');
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) reject('xml_malformed', `unterminated construct, expected ${terminator}`);
  return end + terminator.length;
}

/** Index of the `>` closing a start tag, skipping quoted attribute values. */
function endOfStartTag(xml: string, from: number): number {
  let quote: string | undefined;
  for (let index = from; index < xml.length; index += 1) {
    const character = xml[index];
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '>') {
      return index;
    } else if (character === '<') {
      reject('xml_malformed', 'unexpected < inside a tag');
    }
  }
  return reject('xml_malformed', 'unterminated start tag');
}
