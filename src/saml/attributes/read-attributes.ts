import { attribute, childElements, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import { reject } from '../validation/rejection.ts';

/**
 * Every Attribute of every AttributeStatement as Name → values, each value read as whole
 * text. Repeated Attribute elements with one Name are merged (multi-valued attributes are
 * sent both ways). EncryptedAttribute is refused (SC-DEPLOY: whole-assertion encryption).
 */
export function readAttributes(assertion: Element): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, ns.assertion, 'AttributeStatement')) {
    if (childElements(statement, ns.assertion, 'EncryptedAttribute').length > 0) {
      reject('attribute_invalid', 'EncryptedAttribute is not supported');
    }
    for (const element of childElements(statement, ns.assertion, 'Attribute')) {
      const name = attribute(element, 'Name');
      if (!name) reject('attribute_invalid', 'Attribute without Name');
      const values = childElements(element, ns.assertion, 'AttributeValue').map((value) =>
        wholeText(value).trim(),
      );
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return attributes;
}
