import { attribute, childElement, childElements, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import type { Clock } from './clock.ts';
import { assertNotBefore, assertNotOnOrAfter, parseInstant } from './clock.ts';
import { reject } from './rejection.ts';

/**
 * SAML core 2.5.1: validity window and audience. Every AudienceRestriction must name us
 * (2.5.1.4: each restriction is evaluated on its own). Returns NotOnOrAfter, if any.
 */
export function checkConditions(
  assertion: Element,
  audience: string,
  required: boolean,
  clock: Clock,
): Date | undefined {
  const conditions = childElement(assertion, ns.assertion, 'Conditions');
  if (!conditions) {
    if (required) reject('conditions_missing', 'assertion has no Conditions');
    return undefined;
  }

  const notBefore = attribute(conditions, 'NotBefore');
  if (notBefore !== undefined) {
    assertNotBefore(
      clock,
      parseInstant(notBefore, 'Conditions NotBefore', 'conditions_missing'),
      'Conditions',
    );
  }
  const notOnOrAfterValue = attribute(conditions, 'NotOnOrAfter');
  let notOnOrAfter: Date | undefined;
  if (notOnOrAfterValue !== undefined) {
    notOnOrAfter = parseInstant(notOnOrAfterValue, 'Conditions NotOnOrAfter', 'conditions_missing');
    assertNotOnOrAfter(clock, notOnOrAfter, 'Conditions');
  }

  const restrictions = childElements(conditions, ns.assertion, 'AudienceRestriction');
  if (restrictions.length === 0 && required) {
    reject('conditions_missing', 'Conditions has no AudienceRestriction');
  }
  for (const restriction of restrictions) {
    const audiences = childElements(restriction, ns.assertion, 'Audience').map((a) =>
      wholeText(a).trim(),
    );
    if (!audiences.includes(audience)) {
      reject('audience_mismatch', `AudienceRestriction does not name ${audience}`);
    }
  }
  return notOnOrAfter;
}
