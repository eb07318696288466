import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import samlify from 'samlify';
import { reject } from '../validation/rejection.ts';
import { assertSafeXml } from './harden-xml.ts';
import { defaultXmlLimits } from './limits.ts';

const schemaFiles = [
  'saml-schema-protocol-2.0.xsd',
  'saml-schema-assertion-2.0.xsd',
  'xmldsig-core-schema.xsd',
  'xenc-schema.xsd',
] as const;

/** No network, no entity substitution, no DTD loading: libxml2's safe defaults, stated. */
const parseOptions = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

let compiled: XsdValidator | undefined;

/**
 * The SAML protocol schema (which imports assertion, xmldsig and xenc) compiled ONCE per
 * process and reused for every message: compiling is what made per-message validators
 * slow (see bench/saml.ts).
 */
function samlSchema(): XsdValidator {
  if (compiled) return compiled;
  const folder = fileURLToPath(new URL('./schemas/', import.meta.url));
  const buffers: Record<string, Uint8Array> = {};
  for (const file of schemaFiles) {
    const text = readFileSync(folder + file, 'utf8').replace(/<!DOCTYPE[^\]]*\]>/, '');
    buffers[file] = new TextEncoder().encode(text);
  }
  // Imports name their files relatively; they resolve only against these buffers.
  xmlRegisterInputProvider(new XmlBufferInputProvider(buffers));
  const protocol = XmlDocument.fromBuffer(buffers[schemaFiles[0]] as Uint8Array, {
    url: schemaFiles[0],
    option: parseOptions,
  });
  try {
    compiled = XsdValidator.fromDoc(protocol);
  } finally {
    protocol.dispose();
  }
  return compiled;
}

/**
 * Parses with libxml2 and validates against the SAML 2.0 schemas. The message must
 * already have passed `assertSafeXml`. A root element of any SAML protocol or assertion
 * type validates, so the same check serves responses and decrypted assertions.
 */
export function assertSchemaValid(xml: string): void {
  const validator = samlSchema();
  let document: XmlDocument;
  try {
    document = XmlDocument.fromString(xml, { option: parseOptions });
  } catch (error) {
    reject('xml_malformed', 'not well-formed XML', error);
  }
  try {
    validator.validate(document);
  } catch (error) {
    const first = error instanceof XmlValidateError ? error.details[0] : undefined;
    const where = first ? ` (line ${first.line}): ${first.message.trim().slice(0, 200)}` : '';
    reject('schema_invalid', `not valid against the SAML 2.0 schemas${where}`, error);
  } finally {
    document.dispose();
  }
}

/**
 * samlify refuses to work without a schema validator (it is what rejects injected
 * elements before its own XPath lookups). Register ours: the same compiled schemas.
 */
export function registerSamlifySchemaValidator(): void {
  samlify.setSchemaValidator({
    validate: async (xml: string) => {
      assertSafeXml(xml.replace(/^\uFEFF/, '').trimStart(), defaultXmlLimits);
      assertSchemaValid(xml);
      return 'SUCCESS_VALIDATE_XML';
    },
  });
}
