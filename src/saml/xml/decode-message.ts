import { inflateRawSync } from 'node:zlib';
import { reject } from '../validation/rejection.ts';
import type { XmlLimits } from './limits.ts';

const base64Pattern = /^[A-Za-z0-9+/=\s]+$/;

/** HTTP-POST binding (SAML bindings 3.5.4): the form field is base64 of the XML. */
export function decodePostMessage(value: string, limits: XmlLimits): string {
  if (value.length > Math.ceil((limits.maxBytes * 4) / 3) + 4096) {
    reject('message_too_large', `encoded message over ${limits.maxBytes} bytes`);
  }
  if (!base64Pattern.test(value)) reject('input_malformed', 'message is not base64');
  return utf8(Buffer.from(value, 'base64'), limits);
}

/**
 * HTTP-Redirect binding (SAML bindings 3.4.4.1): base64 of raw DEFLATE. Inflation stops at
 * the byte limit, so a deflate bomb is refused without being expanded.
 */
export function inflateRedirectMessage(value: string, limits: XmlLimits): string {
  if (!base64Pattern.test(value)) reject('input_malformed', 'message is not base64');
  const compressed = Buffer.from(value, 'base64');
  if (compressed.length > limits.maxBytes) {
    reject('message_too_large', `compressed message over ${limits.maxBytes} bytes`);
  }
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(compressed, { maxOutputLength: limits.maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      reject('message_too_large', `inflated message over ${limits.maxBytes} bytes`, error);
    }
    reject('input_malformed', 'message is not raw DEFLATE data', error);
  }
  return utf8(inflated, limits);
}

/** A file or other raw input: XML as is, or base64 of XML (what an operator pastes). */
export function decodeFileMessage(content: string | Uint8Array, limits: XmlLimits): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const text = utf8(bytes, limits);
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return start;
  return decodePostMessage(start.trim(), limits);
}

function utf8(bytes: Buffer, limits: XmlLimits): string {
  if (bytes.length > limits.maxBytes) {
    reject('message_too_large', `message over ${limits.maxBytes} bytes`);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (error) {
    reject('input_malformed', 'message is not UTF-8', error);
  }
  return text.replace(/^\uFEFF/, '').trimStart();
}
