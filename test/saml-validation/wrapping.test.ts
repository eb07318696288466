import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSamlResponse } from '../../src/saml/validation/validate-response.ts';
import type { SamlRule, SamlValidationResult } from '../../src/saml/validation/types.ts';
import {
  asPost,
  assertionXml,
  encrypt,
  idpEntityId,
  policy,
  requestId,
  responseXml,
  sign,
  testParties,
} from './test-idp.ts';

function refused(result: SamlValidationResult, rule: SamlRule): void {
  assert.equal(result.verdict, 'reject');
  if (result.verdict !== 'reject') return;
  assert.equal(result.rule, rule, result.detail);
  assert.ok(result.detail.length > 0);
}

const check = async (xml: string, overrides = {}) =>
  validateSamlResponse(asPost(xml), await policy(overrides));

/** A genuine signed assertion for the victim, and an attacker's forged one. */
async function material() {
  const { idp, attacker } = await testParties();
  const genuine = sign(assertionXml({ id: '_genuine', nameId: 'victim' }), 'Assertion', idp);
  const forged = assertionXml({ id: '_forged', nameId: 'attacker' });
  return { idp, attacker, genuine, forged };
}

test('XSW: signed assertion moved into Extensions, forged one in its place', async () => {
  const { genuine, forged } = await material();
  const xml = responseXml(forged, { extensions: genuine });
  refused(await check(xml, { requireSignedResponse: false }), 'assertion_count');
});

test('XSW: signed assertion hidden in the Advice of a forged assertion', async () => {
  const { genuine } = await material();
  const xml = responseXml(assertionXml({ id: '_forged', nameId: 'attacker', advice: genuine }));
  refused(await check(xml, { requireSignedResponse: false }), 'assertion_count');
});

test('XSW: forged assertion as a sibling of the signed one', async () => {
  const { genuine, forged } = await material();
  refused(
    await check(responseXml(forged + genuine), { requireSignedResponse: false }),
    'assertion_count',
  );
});

test('XSW: signed Response followed by a second Response root', async () => {
  const { idp, forged } = await material();
  const signed = sign(responseXml(assertionXml()), 'Response', idp);
  refused(await check(signed + responseXml(forged)), 'xml_forbidden_construct');
});

test('XSW: signed Response wrapped inside a forged Response', async () => {
  const { idp, forged } = await material();
  const signed = sign(responseXml(assertionXml({ id: '_inner' })), 'Response', idp);
  // Extensions admits only foreign namespaces (SAML core 3.2.2), so the schema catches it.
  refused(await check(responseXml(forged, { extensions: signed })), 'schema_invalid');
  const unsignedRoot = responseXml(forged).replace('<samlp:Status>', `${signed}<samlp:Status>`);
  refused(await check(unsignedRoot), 'schema_invalid');
});

test('forged assertion with the genuine ID beside the signed one is refused', async () => {
  const { genuine } = await material();
  const twin = assertionXml({ id: '_genuine', nameId: 'attacker' });
  // Two equal xs:ID values: the schema check refuses before any signature is looked at.
  refused(
    await check(responseXml(twin + genuine), { requireSignedResponse: false }),
    'schema_invalid',
  );
});

test('a second SignedInfo or Reference is refused', async () => {
  const { idp } = await testParties();
  const signed = sign(responseXml(assertionXml()), 'Response', idp);
  const info = /<SignedInfo>[\s\S]*?<\/SignedInfo>/.exec(signed)?.[0] ?? '';
  assert.ok(info, 'test signature has a SignedInfo');
  refused(await check(signed.replace(info, info + info)), 'schema_invalid');
  const reference = /<Reference[\s\S]*?<\/Reference>/.exec(signed)?.[0] ?? '';
  refused(await check(signed.replace(reference, reference + reference)), 'signature_structure');
});

test('comments inside DigestValue, NameID or an attribute value are refused', async () => {
  const { idp } = await testParties();
  const signed = sign(responseXml(assertionXml({ nameId: 'user@x.evil' })), 'Response', idp);
  const digest = signed.replace(/(<DigestValue>.{4})/, '$1<!---->');
  refused(await check(digest), 'comment_in_message');
  refused(await check(signed.replace('user@x.evil', 'user@x<!---->.evil')), 'comment_in_message');
  refused(await check(signed.replace('>Tolvan<', '>Tol<!---->van<')), 'comment_in_message');
});

test('a message re-signed with a key carried in KeyInfo is refused', async () => {
  const { attacker } = await testParties();
  const xml = sign(responseXml(assertionXml({ nameId: 'attacker' })), 'Response', attacker);
  assert.match(xml, /X509Certificate/);
  refused(await check(xml), 'signature_invalid');
});

test('a changed value under a valid signature fails the digest', async () => {
  const { idp } = await testParties();
  const signed = sign(responseXml(assertionXml({ nameId: 'victim' })), 'Response', idp);
  refused(await check(signed.replace('>victim<', '>attacker<')), 'signature_invalid');
});

test('an unsigned assertion inside a signed Response when assertions must be signed', async () => {
  const { idp } = await testParties();
  const xml = sign(responseXml(assertionXml()), 'Response', idp);
  refused(await check(xml, { requireSignedAssertion: true }), 'assertion_unsigned');
});

test('an encrypted, unsigned assertion in an unsigned Response is refused', async () => {
  const { sp } = await testParties();
  const xml = responseXml(encrypt(assertionXml(), sp.certificatePem, 'aes256-gcm'));
  refused(await check(xml, { requireSignedResponse: false }), 'assertion_unsigned');
  refused(await check(xml), 'response_unsigned');
});

test('an assertion encrypted to a key we do not hold fails after the Response checks', async () => {
  const { idp, attacker } = await testParties();
  const xml = sign(
    responseXml(encrypt(assertionXml(), attacker.certificatePem, 'aes256-cbc')),
    'Response',
    idp,
  );
  const result = await check(xml);
  refused(result, 'assertion_undecryptable');
  assert.ok(result.passedChecks.includes('response_signature'));
  assert.ok(result.passedChecks.includes('in_response_to'));
});

test('SHA-1 signatures are refused unless allowed', async () => {
  const { idp } = await testParties();
  const xml = sign(responseXml(assertionXml()), 'Response', idp, { sha1: true });
  refused(await check(xml), 'signature_algorithm');
  const allowed = await check(xml, { allowSha1: true });
  assert.equal(allowed.verdict, 'accept');
});

test('an unsigned Response with an unsigned assertion is refused', async () => {
  refused(await check(responseXml(assertionXml())), 'response_unsigned');
  refused(
    await check(responseXml(assertionXml()), { requireSignedResponse: false }),
    'assertion_unsigned',
  );
});

test('fixtures are what they claim (sanity of the attack builders)', async () => {
  const { genuine } = await material();
  const ok = await check(responseXml(genuine), { requireSignedResponse: false });
  assert.equal(ok.verdict, 'accept', ok.verdict === 'reject' ? ok.detail : '');
  assert.ok(genuine.includes(idpEntityId) && genuine.includes(requestId));
});
