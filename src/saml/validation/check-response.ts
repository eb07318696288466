import { attribute, childElement, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import type { Clock } from './clock.ts';
import { assertFresh, parseInstant } from './clock.ts';
import { reject } from './rejection.ts';
import type { SamlValidationPolicy } from './types.ts';

const entityFormat = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';

/** SAML core 2.2.5: an Issuer naming our trusted IdP; Format, when present, is entity. */
export function assertIssuer(parent: Element, entityId: string, required: boolean): void {
  const issuer = childElement(parent, ns.assertion, 'Issuer');
  if (!issuer) {
    if (required) reject('issuer_mismatch', `<${parent.localName}> has no Issuer`);
    return;
  }
  const format = attribute(issuer, 'Format');
  if (format !== undefined && format !== entityFormat) {
    reject('issuer_mismatch', `<${parent.localName}> Issuer Format is not entity`);
  }
  if (wholeText(issuer).trim() !== entityId) {
    reject('issuer_mismatch', `<${parent.localName}> Issuer is not the trusted IdP ${entityId}`);
  }
}

export function assertVersion(element: Element): void {
  if (attribute(element, 'Version') !== '2.0') {
    reject('version_unsupported', `<${element.localName}> Version is not 2.0`);
  }
}

/**
 * Checks on the (verified, when signed) Response: SAML core 3.2.2, bindings 3.5.5.2
 * (a signed POST response names its Destination), SC-DEPLOY (fresh IssueInstant).
 */
export function assertResponseHeader(
  response: Element,
  policy: SamlValidationPolicy,
  clock: Clock,
  signed: boolean,
): void {
  assertVersion(response);
  assertIssuer(response, policy.idp.entityId, false);

  const destination = attribute(response, 'Destination');
  const expected = policy.destination ?? policy.recipient;
  if (destination === undefined && signed) {
    reject('destination_mismatch', 'signed Response has no Destination');
  }
  if (destination !== undefined && destination !== expected) {
    reject('destination_mismatch', `Destination ${destination} is not ${expected}`);
  }

  const issued = parseInstant(
    attribute(response, 'IssueInstant'),
    'Response IssueInstant',
    'message_stale',
  );
  assertFresh(clock, issued, (policy.maxMessageAgeSeconds ?? 300) * 1000, 'Response');
}

/**
 * InResponseTo must name an AuthnRequest we stored and sent to this IdP (SC-DEPLOY);
 * without it, the response is unsolicited and refused unless the policy allows it.
 */
export async function assertSolicited(
  response: Element,
  policy: SamlValidationPolicy,
): Promise<string | undefined> {
  const inResponseTo = attribute(response, 'InResponseTo');
  if (inResponseTo === undefined) {
    if (!policy.allowUnsolicited) reject('unsolicited', 'unsolicited Response (no InResponseTo)');
    return undefined;
  }
  const request = policy.findRequest ? await policy.findRequest(inResponseTo) : null;
  if (!request) reject('in_response_to_unknown', 'InResponseTo names no stored AuthnRequest');
  if (request.idpEntityId !== policy.idp.entityId) {
    reject('in_response_to_foreign', 'InResponseTo names a request sent to another IdP');
  }
  return inResponseTo;
}
