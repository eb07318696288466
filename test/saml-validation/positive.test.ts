import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSamlResponse } from '../../src/saml/validation/validate-response.ts';
import type { SamlValidationResult } from '../../src/saml/validation/types.ts';
import {
  asPost,
  assertionXml,
  encrypt,
  idpEntityId,
  loa3,
  policy,
  responseXml,
  sign,
  testParties,
} from './test-idp.ts';

function accepted(result: SamlValidationResult) {
  assert.equal(
    result.verdict,
    'accept',
    result.verdict === 'reject' ? `${result.rule}: ${result.detail}` : '',
  );
  if (result.verdict !== 'accept') throw new Error('unreachable');
  return result.assertion;
}

test('a signed Response with an unsigned assertion is accepted and mapped', async () => {
  const { idp } = await testParties();
  const xml = sign(responseXml(assertionXml()), 'Response', idp);
  const assertion = accepted(await validateSamlResponse(asPost(xml), await policy()));
  assert.equal(assertion.responseSigned, true);
  assert.equal(assertion.assertionSigned, false);
  assert.equal(assertion.nameId.value, '_nameid-42');
  assert.equal(assertion.identity.personalIdentityNumber, '197309069289');
  assert.equal(assertion.identity.givenName, 'Tolvan');
  assert.equal(assertion.identity.acr, loa3);
  assert.equal(assertion.identity.authnProvider, 'https://bankid.test.example/idp');
  assert.equal(assertion.identity.asserted?.employeeHsaId, 'SE5591234567-abc123');
  assert.equal(assertion.issuer, idpEntityId);
});

test('a signed assertion in an unsigned Response is accepted if the policy allows', async () => {
  const { idp } = await testParties();
  const xml = responseXml(sign(assertionXml(), 'Assertion', idp));
  const rules = await policy({ requireSignedResponse: false, requireSignedAssertion: true });
  const assertion = accepted(await validateSamlResponse(asPost(xml), rules));
  assert.equal(assertion.assertionSigned, true);
  assert.equal(assertion.responseSigned, false);
});

test('both signatures are checked and accepted together', async () => {
  const { idp } = await testParties();
  const xml = sign(responseXml(sign(assertionXml(), 'Assertion', idp)), 'Response', idp);
  const rules = await policy({ requireSignedAssertion: true });
  const assertion = accepted(await validateSamlResponse(asPost(xml), rules));
  assert.equal(assertion.assertionSigned && assertion.responseSigned, true);
});

for (const cipher of ['aes256-gcm', 'aes256-cbc'] as const) {
  test(`an encrypted assertion (${cipher}) is decrypted with the SP key`, async () => {
    const { idp, sp } = await testParties();
    const inner = encrypt(sign(assertionXml(), 'Assertion', idp), sp.certificatePem, cipher);
    const xml = sign(responseXml(inner), 'Response', idp);
    const assertion = accepted(
      await validateSamlResponse(asPost(xml), await policy({ requireSignedAssertion: true })),
    );
    assert.equal(assertion.encrypted, true);
    assert.equal(assertion.assertionSigned, true);
    assert.equal(assertion.identity.familyName, 'Tolvansson');
  });
}
