import {
  decodeFileMessage,
  decodePostMessage,
  inflateRedirectMessage,
} from '../xml/decode-message.ts';
import { assertSafeXml } from '../xml/harden-xml.ts';
import type { XmlLimits } from '../xml/limits.ts';
import { defaultXmlLimits } from '../xml/limits.ts';
import type { SamlResponseInput } from './types.ts';

/** Binding decoding and the pre-parse hardening, for every way a response reaches us. */
export function readMessage(input: SamlResponseInput, maxBytes?: number): string {
  const limits: XmlLimits = { ...defaultXmlLimits, ...(maxBytes ? { maxBytes } : {}) };
  let xml: string;
  switch (input.binding) {
    case 'post':
      xml = decodePostMessage(input.samlResponse, limits);
      break;
    case 'redirect':
      xml = inflateRedirectMessage(input.samlResponse, limits);
      break;
    case 'file':
      xml = decodeFileMessage(input.content, limits);
      break;
  }
  assertSafeXml(xml, limits);
  return xml;
}

/** The same hardening for XML we produced ourselves from cipher text. */
export function assertSafePlaintext(xml: string): void {
  assertSafeXml(xml, defaultXmlLimits);
}
