import { attribute, childElements, hasComment, isElement, ns, parseXml } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import { assertSchemaValid } from '../xml/schema-validator.ts';
import { mapIdentity } from '../attributes/map-identity.ts';
import { readAttributes } from '../attributes/read-attributes.ts';
import { checkAuthnStatement } from './check-authn-statement.ts';
import { checkConditions } from './check-conditions.ts';
import {
  assertIssuer,
  assertResponseHeader,
  assertSolicited,
  assertVersion,
} from './check-response.ts';
import { assertStatusSuccess } from './check-status.ts';
import { checkSubject } from './check-subject.ts';
import type { Clock } from './clock.ts';
import { assertFresh, parseInstant } from './clock.ts';
import {
  assertionChildOf,
  decryptionKeysFrom,
  openEncryptedAssertion,
  soleAssertionChild,
} from './locate-assertion.ts';
import { readMessage } from './read-message.ts';
import { reject } from './rejection.ts';
import type { SamlResponseInput, SamlValidationPolicy, ValidatedAssertion } from './types.ts';
import { trustedKeysFrom, verifyEnvelopedSignature } from './verify-signature.ts';

/**
 * The checks in their order. Each step either passes (and is named in `passed`) or throws
 * a SamlRejection. After a signature verifies, later steps read only the element rebuilt
 * from the signed bytes.
 */
export async function runChecks(
  input: SamlResponseInput,
  policy: SamlValidationPolicy,
  passed: string[],
): Promise<ValidatedAssertion> {
  const clock: Clock = {
    now: (policy.now ?? new Date()).getTime(),
    skewMs: (policy.clockSkewSeconds ?? 60) * 1000,
  };
  const xml = readMessage(input, policy.maxMessageBytes);
  passed.push('xml');
  assertSchemaValid(xml);
  passed.push('schema');

  const root = parseXml(xml).documentElement as Element;
  if (!isElement(root, ns.protocol, 'Response'))
    reject('not_a_response', 'root is not samlp:Response');
  if (hasComment(root)) reject('comment_in_message', 'comment inside the Response');
  assertStatusSuccess(root);
  passed.push('status');
  const rawAssertion = soleAssertionChild(root);
  passed.push('assertion_count');

  const trustedKeys = trustedKeysFrom(policy.idp.signingCertificates);
  const allowSha1 = policy.allowSha1 ?? false;
  const responseSignature = soleSignature(root);
  let response = root;
  if (responseSignature) {
    const check = { documentXml: xml, signedElement: root, signature: responseSignature };
    response = verifyEnvelopedSignature({ ...check, trustedKeys, allowSha1 });
    passed.push('response_signature');
  } else if (policy.requireSignedResponse ?? true) {
    reject('response_unsigned', 'the Response is not signed');
  }

  assertResponseHeader(response, policy, clock, responseSignature !== undefined);
  passed.push('response_header');
  const inResponseTo = await assertSolicited(response, policy);
  passed.push('in_response_to');

  const encrypted = isElement(rawAssertion, ns.assertion, 'EncryptedAssertion');
  let assertion = assertionChildOf(response);
  let assertionXml = xml;
  let signedSource = rawAssertion;
  if (encrypted) {
    const opened = openEncryptedAssertion(assertion, decryptionKeysFrom(policy.decryptionKeys));
    ({ assertion, xml: assertionXml } = opened);
    signedSource = assertion;
    passed.push('decrypted');
  }
  const assertionSignature = soleSignature(signedSource);
  if (assertionSignature) {
    assertion = verifyEnvelopedSignature({
      documentXml: assertionXml,
      signedElement: signedSource,
      signature: assertionSignature,
      trustedKeys,
      allowSha1,
    });
    passed.push('assertion_signature');
  }
  if (!assertionSignature && (!responseSignature || policy.requireSignedAssertion)) {
    reject('assertion_unsigned', 'the assertion is not covered by a required signature');
  }

  return checkAssertion(assertion, policy, clock, inResponseTo, passed, {
    responseSigned: responseSignature !== undefined,
    assertionSigned: assertionSignature !== undefined,
    encrypted,
  });
}

async function checkAssertion(
  assertion: Element,
  policy: SamlValidationPolicy,
  clock: Clock,
  inResponseTo: string | undefined,
  passed: string[],
  protection: Pick<ValidatedAssertion, 'responseSigned' | 'assertionSigned' | 'encrypted'>,
): Promise<ValidatedAssertion> {
  assertVersion(assertion);
  assertIssuer(assertion, policy.idp.entityId, true);
  const id = attribute(assertion, 'ID');
  if (!id) reject('subject_invalid', 'assertion has no ID');
  const issueInstant = parseInstant(
    attribute(assertion, 'IssueInstant'),
    'Assertion IssueInstant',
    'message_stale',
  );
  assertFresh(clock, issueInstant, (policy.maxMessageAgeSeconds ?? 300) * 1000, 'Assertion');
  passed.push('assertion_header');

  const subject = checkSubject(assertion, policy.recipient, inResponseTo, clock);
  passed.push('subject');
  const conditionsEnd = checkConditions(
    assertion,
    policy.audience,
    policy.requireConditions ?? true,
    clock,
  );
  passed.push('conditions');
  const authn = checkAuthnStatement(assertion, policy.allowedAcr, clock);
  passed.push('authn_statement');

  const attributes = readAttributes(assertion);
  const issuer = policy.idp.entityId;
  const identity = mapIdentity(attributes, {
    issuer,
    ...authn,
    ...(policy.idp.amr ? { amr: policy.idp.amr } : {}),
  });
  passed.push('attributes');

  const notOnOrAfter = new Date(
    Math.max(subject.notOnOrAfter.getTime(), conditionsEnd?.getTime() ?? 0),
  );
  const keepUntil = new Date(notOnOrAfter.getTime() + clock.skewMs);
  if (!(await policy.replayCache.remember(`${issuer} ${id}`, keepUntil, new Date(clock.now)))) {
    reject('replay', 'this assertion ID was already used');
  }
  passed.push('replay');

  return {
    id,
    issuer,
    issueInstant,
    nameId: subject.nameId,
    authnInstant: authn.authnInstant,
    acr: authn.acr,
    authenticatingAuthorities: authn.authenticatingAuthorities,
    ...(authn.sessionIndex ? { sessionIndex: authn.sessionIndex } : {}),
    ...(inResponseTo ? { inResponseTo } : {}),
    notOnOrAfter,
    attributes,
    identity,
    ...protection,
  };
}

function soleSignature(element: Element): Element | undefined {
  const signatures = childElements(element, ns.dsig, 'Signature');
  if (signatures.length > 1)
    reject('signature_structure', `<${element.localName}> has several signatures`);
  return signatures[0];
}
