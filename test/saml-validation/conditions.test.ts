import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSamlResponse } from '../../src/saml/validation/validate-response.ts';
import type {
  SamlRule,
  SamlValidationPolicy,
  SamlValidationResult,
} from '../../src/saml/validation/types.ts';
import type { AssertionOptions, ResponseOptions } from './test-idp.ts';
import { asPost, assertionXml, now, policy, responseXml, sign, testParties } from './test-idp.ts';

function verdict(result: SamlValidationResult): string {
  return result.verdict === 'accept' ? 'accept' : result.rule;
}

async function judge(
  assertion: AssertionOptions = {},
  response: ResponseOptions = {},
  overrides: Partial<SamlValidationPolicy> = {},
): Promise<SamlValidationResult> {
  const { idp } = await testParties();
  const xml = sign(responseXml(assertionXml(assertion), response), 'Response', idp);
  return validateSamlResponse(asPost(xml), await policy(overrides));
}

const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const expect = async (result: Promise<SamlValidationResult>, rule: SamlRule | 'accept') =>
  assert.equal(verdict(await result), rule);

test('missing Conditions is refused unless the policy waives it', async () => {
  await expect(judge({ conditions: false }), 'conditions_missing');
  await expect(judge({ conditions: false }, {}, { requireConditions: false }), 'accept');
});

test('expired assertions are refused; the skew tolerates small drift only', async () => {
  const ends = new Date(now.getTime() + 30_000).toISOString();
  const options = { notOnOrAfter: ends, confirmationNotOnOrAfter: ends };
  await expect(judge(options, {}, { now: later(60), clockSkewSeconds: 60 }), 'accept');
  await expect(judge(options, {}, { now: later(60), clockSkewSeconds: 0 }), 'expired');
  await expect(judge(options, {}, { now: later(100), clockSkewSeconds: 60 }), 'expired');
});

test('not-yet-valid assertions are refused; within the skew they pass', async () => {
  const starts = new Date(now.getTime() + 45_000).toISOString();
  await expect(judge({ notBefore: starts }), 'accept');
  await expect(judge({ notBefore: starts }, {}, { clockSkewSeconds: 10 }), 'not_yet_valid');
});

test('a bearer confirmation without NotOnOrAfter is refused', async () => {
  await expect(judge({ confirmationNotOnOrAfter: null }), 'subject_confirmation_invalid');
});

test('a stale IssueInstant is refused', async () => {
  await expect(judge({}, {}, { now: later(3600), maxMessageAgeSeconds: 300 }), 'message_stale');
});

test('wrong audience, recipient and destination are refused', async () => {
  await expect(judge({ audience: 'https://other-sp.example' }), 'audience_mismatch');
  await expect(judge({ recipient: 'https://other-sp.example/acs' }), 'recipient_mismatch');
  await expect(judge({}, { destination: 'https://other-sp.example/acs' }), 'destination_mismatch');
  await expect(judge({}, { destination: null }), 'destination_mismatch');
});

test('unknown, foreign and missing InResponseTo', async () => {
  await expect(
    judge({ inResponseTo: '_nobody' }, { inResponseTo: '_nobody' }),
    'in_response_to_unknown',
  );
  await expect(
    judge({ inResponseTo: '_other-idp' }, { inResponseTo: '_other-idp' }),
    'in_response_to_foreign',
  );
  await expect(judge({ inResponseTo: '_nobody' }), 'subject_confirmation_invalid');
  await expect(judge({ inResponseTo: null }, { inResponseTo: null }), 'unsolicited');
  await expect(
    judge({ inResponseTo: null }, { inResponseTo: null }, { allowUnsolicited: true }),
    'accept',
  );
});

test('a replayed assertion is refused until it expires', async () => {
  const { idp } = await testParties();
  const xml = sign(responseXml(assertionXml({ id: '_once' })), 'Response', idp);
  const rules = await policy();
  assert.equal(verdict(await validateSamlResponse(asPost(xml), rules)), 'accept');
  assert.equal(verdict(await validateSamlResponse(asPost(xml), rules)), 'replay');
});

test('a LoA outside the allowed list is refused', async () => {
  await expect(judge({ acr: 'http://id.elegnamnden.se/loa/1.0/loa2' }), 'loa_not_allowed');
});

test('a non-Success status is refused with the IdP status passed on', async () => {
  const cancel = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
  const result = await judge({}, { status: cancel });
  assert.equal(verdict(result), 'status_not_success');
  assert.equal(result.verdict === 'reject' ? result.status?.code : '', cancel);
});
