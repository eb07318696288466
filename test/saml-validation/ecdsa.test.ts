import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { validateSamlResponse } from '../../src/saml/validation/validate-response.ts';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import { asPost, assertionXml, policy, responseXml, sign, testParties } from './test-idp.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** An IdP with a P-256 key, as SC-DEPLOY allows (ECDSA-SHA256). */
async function ecIdp(): Promise<IssuedCertificate> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=EC test IdP',
    keys,
    signingAlgorithm: algorithm,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificate,
    keys,
    certificatePem: certificate.toString('pem'),
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
}

test('an ECDSA-SHA256 signed Response verifies with the IdP EC certificate', async () => {
  const idp = await ecIdp();
  const xml = sign(responseXml(assertionXml()), 'Response', idp, { ecdsa: true });
  assert.match(xml, /xmldsig-more#ecdsa-sha256/);
  const rules = await policy({
    idp: { entityId: 'https://idp.test.example/saml', signingCertificates: [idp.certificatePem] },
  });
  const result = await validateSamlResponse(asPost(xml), rules);
  assert.equal(result.verdict, 'accept', result.verdict === 'reject' ? result.detail : '');
});

test('an ECDSA signature is refused with another key and when the content changed', async () => {
  const idp = await ecIdp();
  const other = await ecIdp();
  const xml = sign(responseXml(assertionXml()), 'Response', idp, { ecdsa: true });

  const wrongKey = await policy({
    idp: { entityId: 'https://idp.test.example/saml', signingCertificates: [other.certificatePem] },
  });
  const refused = await validateSamlResponse(asPost(xml), wrongKey);
  assert.equal(refused.verdict, 'reject');

  const { idp: rsaIdp } = await testParties();
  const rsaOnly = await policy({
    idp: {
      entityId: 'https://idp.test.example/saml',
      signingCertificates: [rsaIdp.certificatePem],
    },
  });
  assert.equal((await validateSamlResponse(asPost(xml), rsaOnly)).verdict, 'reject');

  const rules = await policy({
    idp: { entityId: 'https://idp.test.example/saml', signingCertificates: [idp.certificatePem] },
  });
  const tampered = xml.replace('Tolvan', 'Mallory');
  assert.notEqual(tampered, xml);
  const result = await validateSamlResponse(asPost(tampered), rules);
  assert.equal(result.verdict, 'reject');
});
