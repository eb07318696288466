import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateSamlResponse } from '../../src/saml/validation/validate-response.ts';
import { MemoryReplayCache } from '../../src/saml/validation/replay-cache.ts';
import type {
  SamlValidationPolicy,
  SamlValidationResult,
} from '../../src/saml/validation/types.ts';
import { readAttributes } from '../../src/saml/attributes/read-attributes.ts';
import { mapIdentity } from '../../src/saml/attributes/map-identity.ts';
import { parseXml } from '../../src/saml/xml/dom.ts';
import { assertSafeXml } from '../../src/saml/xml/harden-xml.ts';
import { defaultXmlLimits } from '../../src/saml/xml/limits.ts';
import { testParties } from './test-idp.ts';

const folder =
  process.env.BRYGGA_SHARED_DATA ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const skip = existsSync(folder) ? false : `shared sample folder ${folder} is absent`;
const read = (name: string) => readFileSync(path.join(folder, name), 'utf8');

// r01 as published: README of the sample folder.
const r01 = {
  idp: 'https://idp.svelegtest.se/idp',
  destination: 'https://localhost:8443/svelegtest-sp/saml2/post/3',
  inResponseTo: '_2y6q15DKxcGX3HFJXadjcKGQ7Zk5Xf60RzJmB1l2',
  issueInstant: new Date('2018-03-19T16:28:41.783Z'),
};

function r01Policy(overrides: Partial<SamlValidationPolicy> = {}): SamlValidationPolicy {
  return {
    audience: 'https://localhost:8443/svelegtest-sp',
    recipient: r01.destination,
    idp: { entityId: r01.idp, signingCertificates: [read('r01-svelegtest-idp-signer.crt')] },
    allowedAcr: ['http://id.elegnamnden.se/loa/1.0/loa3'],
    findRequest: async (id) => (id === r01.inResponseTo ? { id, idpEntityId: r01.idp } : null),
    replayCache: new MemoryReplayCache(),
    now: r01.issueInstant,
    ...overrides,
  };
}

const rule = (result: SamlValidationResult) =>
  result.verdict === 'accept' ? 'accept' : result.rule;
const file = (name: string) => ({ binding: 'file' as const, content: read(name) });

test('r01: the Response signature verifies with the pinned certificate', { skip }, async () => {
  const result = await validateSamlResponse(
    file('r01-svelegtest-shibboleth-signed-response.xml'),
    r01Policy(),
  );
  assert.equal(rule(result), 'assertion_undecryptable');
  for (const check of ['response_signature', 'response_header', 'in_response_to']) {
    assert.ok(result.passedChecks.includes(check), check);
  }
});

test('r01: never verified with its KeyInfo certificate', { skip }, async () => {
  const { attacker } = await testParties();
  const policy = r01Policy({
    idp: { entityId: r01.idp, signingCertificates: [attacker.certificatePem] },
  });
  const result = await validateSamlResponse(
    file('r01-svelegtest-shibboleth-signed-response.xml'),
    policy,
  );
  assert.equal(rule(result), 'signature_invalid');
});

test('r01: Destination, InResponseTo and clock are checked', { skip }, async () => {
  const name = 'r01-svelegtest-shibboleth-signed-response.xml';
  const judge = async (overrides: Partial<SamlValidationPolicy>) =>
    rule(await validateSamlResponse(file(name), r01Policy(overrides)));
  assert.equal(await judge({ recipient: 'https://brygga.example/acs' }), 'destination_mismatch');
  assert.equal(await judge({ findRequest: async () => null }), 'in_response_to_unknown');
  assert.equal(await judge({ now: new Date('2018-03-19T17:28:41Z') }), 'message_stale');
  assert.equal(await judge({ now: new Date('2018-03-19T16:20:00Z') }), 'message_stale');
  assert.equal(await judge({ now: undefined }), 'message_stale');
});

test('r02: a changed DigestValue is refused', { skip }, async () => {
  const result = await validateSamlResponse(
    file('r02-svelegtest-shibboleth-signed-response-baddigest.xml'),
    r01Policy(),
  );
  assert.equal(rule(result), 'signature_invalid');
});

test('r08: attributes map, but the unsigned assertion is refused', { skip }, async () => {
  const xml = read('r08-sc-qa-refidp-assertion-unsigned-pnr.xml');
  const assertion = parseXml(xml.slice(xml.indexOf('<saml2:Assertion'))).documentElement as Element;
  const identity = mapIdentity(readAttributes(assertion), {
    issuer: 'http://qa.test.swedenconnect.se/idp',
    acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
    authenticatingAuthorities: [],
  });
  assert.equal(identity.personalIdentityNumber, '196911292032');
  assert.equal(identity.displayName, 'Bo Ko');
  assert.equal(identity.givenName, 'Bo');
  assert.equal(identity.familyName, 'Ko');
  assert.equal(identity.birthdate, '1969-11-29');
  assert.equal(identity.authnProvider, 'http://qa.test.swedenconnect.se/idp');

  const wrapped =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_w" Version="2.0" ' +
    'IssueInstant="2022-05-18T14:55:19.740Z" ' +
    'InResponseTo="_ev8FaJGJkvhnZ6LpMHZmTPU6eg9meILpyqpklbkE"><samlp:Status>' +
    '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `${xml.slice(xml.indexOf('<saml2:Assertion'))}</samlp:Response>`;
  const qaIdp = 'http://qa.test.swedenconnect.se/idp';
  const policy = r01Policy({
    now: new Date('2022-05-18T14:55:20Z'),
    idp: { entityId: qaIdp, signingCertificates: [read('r01-svelegtest-idp-signer.crt')] },
    findRequest: async (id) => ({ id, idpEntityId: qaIdp }),
  });
  const input = { binding: 'file' as const, content: wrapped };
  assert.equal(rule(await validateSamlResponse(input, policy)), 'response_unsigned');
  const lenient = { ...policy, requireSignedResponse: false };
  assert.equal(rule(await validateSamlResponse(input, lenient)), 'assertion_unsigned');
});

for (const name of [
  'x10-xml-billion-laughs.xml',
  'x11-xml-quadratic-blowup.xml',
  'x12-xml-external-entity.xml',
]) {
  test(`${name} wrapped as a SAML message is refused before expansion`, { skip }, async () => {
    const hostile = read(name);
    const body = hostile.slice(hostile.indexOf(']>') + 2).replace(/<(\w+)>(.*)<\/\1>/s, '$2');
    const message =
      `${hostile.slice(0, hostile.indexOf(']>') + 2)}<samlp:Response ` +
      'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0" ' +
      `IssueInstant="2018-03-19T16:28:41Z"><samlp:Status><samlp:StatusMessage>${body.trim()}` +
      '</samlp:StatusMessage></samlp:Status></samlp:Response>';
    assert.match(message, /<!DOCTYPE/);
    const post = {
      binding: 'post' as const,
      samlResponse: Buffer.from(message).toString('base64'),
    };
    assert.equal(rule(await validateSamlResponse(post, r01Policy())), 'xml_forbidden_construct');
  });
}

test('x14: two root elements after a signed Response are refused', { skip }, async () => {
  const result = await validateSamlResponse(file('x14-multiple-root-elements.xml'), r01Policy());
  assert.equal(rule(result), 'xml_forbidden_construct');
});

for (const name of [
  'm01-sc-qa-reference-idp-metadata.xml',
  'm03-sc-bankid-idp-test-aggregate-unsigned.xml',
]) {
  test(`${name} passes hardening and parses`, { skip }, () => {
    const xml = read(name)
      .replace(/^\uFEFF/, '')
      .trimStart();
    assertSafeXml(xml, defaultXmlLimits);
    const root = parseXml(xml).documentElement as Element;
    assert.equal(root.namespaceURI, 'urn:oasis:names:tc:SAML:2.0:metadata');
  });
}
