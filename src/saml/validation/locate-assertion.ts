import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { assertSchemaValid } from '../xml/schema-validator.ts';
import { childElements, descendants, hasComment, isElement, ns, parseXml } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import { decryptAssertion } from './decrypt-assertion.ts';
import { assertSafePlaintext } from './read-message.ts';
import { reject } from './rejection.ts';

/**
 * Wrapping defence (saml-sec-consider, XSW attacks): the whole message holds exactly one
 * Assertion or EncryptedAssertion, and it is a direct child of the Response root. An
 * assertion hidden in Extensions, Advice, a sibling or a nested Response is refused.
 */
export function soleAssertionChild(root: Element): Element {
  const all = [
    ...descendants(root, ns.assertion, 'Assertion'),
    ...descendants(root, ns.assertion, 'EncryptedAssertion'),
  ];
  if (all.length !== 1)
    reject('assertion_count', `message holds ${all.length} assertions, expected 1`);
  const sole = all[0] as Element;
  if (sole.parentNode !== root)
    reject('assertion_count', 'the assertion is not a child of the Response');
  return sole;
}

/** The Assertion or EncryptedAssertion child of a Response, which must hold exactly one. */
export function assertionChildOf(response: Element): Element {
  const children = [
    ...childElements(response, ns.assertion, 'Assertion'),
    ...childElements(response, ns.assertion, 'EncryptedAssertion'),
  ];
  if (children.length !== 1)
    reject('assertion_count', 'signed Response does not hold one assertion');
  return children[0] as Element;
}

export interface DecryptedAssertion {
  xml: string;
  assertion: Element;
}

/**
 * Plaintext from the IdP is input like any other: hardened, schema-checked, free of
 * comments and of nested assertions before anything reads it.
 */
export function openEncryptedAssertion(encrypted: Element, keys: KeyObject[]): DecryptedAssertion {
  const xml = decryptAssertion(encrypted, keys)
    .replace(/^\uFEFF/, '')
    .trimStart();
  assertSafePlaintext(xml);
  assertSchemaValid(xml);
  const assertion = parseXml(xml).documentElement as Element;
  if (!isElement(assertion, ns.assertion, 'Assertion')) {
    reject('assertion_undecryptable', 'the decrypted content is not an Assertion');
  }
  if (hasComment(assertion)) reject('comment_in_message', 'comment inside the decrypted assertion');
  const nested =
    descendants(assertion, ns.assertion, 'Assertion').length +
    descendants(assertion, ns.assertion, 'EncryptedAssertion').length;
  if (nested > 0) reject('assertion_count', 'the decrypted assertion holds another assertion');
  return { xml, assertion };
}

export function decryptionKeysFrom(pems: string[] | undefined): KeyObject[] {
  return (pems ?? []).map((pem) => createPrivateKey(pem));
}
