import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { buildOcspRequest } from '../../src/connectors/siths-card/ocsp-request.ts';
import { readOcspResponse } from '../../src/connectors/siths-card/ocsp-response.ts';
import { RevocationUnavailable } from '../../src/connectors/siths-card/revocation-unavailable.ts';
import { answerOcspRequest } from '../../src/simulators/siths-pki/ocsp-responder.ts';
import { SithsTestPki } from '../../src/simulators/siths-pki/siths-test-pki.ts';

let pki: SithsTestPki;
let stranger: SithsTestPki;
let card: X509Certificate;
let issuer: X509Certificate;

before(async () => {
  pki = await SithsTestPki.create();
  stranger = await SithsTestPki.create();
  const issued = await pki.issueCard({ hsaId: 'SE5565594230-OCSP1', givenName: 'O', surname: 'C' });
  card = new X509Certificate(issued.certificatePem);
  issuer = new X509Certificate(pki.authorities.issuingCa.certificatePem);
});

const ownKeys = () => ({ issuer: pki.authorities.issuingCa, signer: pki.authorities.ocspSigner });
const statusOf = () => pki.statusOf.bind(pki);
const check = (request: ReturnType<typeof buildOcspRequest>, now = new Date()) => ({
  request,
  issuer,
  now,
  skewMs: 60_000,
  requireNonce: true,
});

test('a response to our request from the delegated responder reads as good', () => {
  const request = buildOcspRequest(card, issuer, true);
  const answer = answerOcspRequest(request.der, ownKeys(), statusOf());
  assert.equal(readOcspResponse(answer, check(request)), 'good');
});

test('a response carrying another request’s nonce is refused as a replay', () => {
  const earlier = buildOcspRequest(card, issuer, true);
  const current = buildOcspRequest(card, issuer, true);
  const answer = answerOcspRequest(earlier.der, ownKeys(), statusOf());
  assert.throws(() => readOcspResponse(answer, check(current)), RevocationUnavailable);
});

test('a response without a nonce is refused when the nonce is required', () => {
  const request = buildOcspRequest(card, issuer, true);
  const withoutNonce = buildOcspRequest(card, issuer, false);
  const answer = answerOcspRequest(withoutNonce.der, ownKeys(), statusOf());
  assert.throws(() => readOcspResponse(answer, check(request)), /no nonce/);
});

test('a response signed by a responder another CA delegated is refused', () => {
  const request = buildOcspRequest(card, issuer, true);
  const keys = { issuer: pki.authorities.issuingCa, signer: stranger.authorities.ocspSigner };
  const answer = answerOcspRequest(request.der, keys, statusOf());
  assert.throws(() => readOcspResponse(answer, check(request)), /neither the issuer nor delegated/);
});

test('a response whose nextUpdate has passed is refused', () => {
  const request = buildOcspRequest(card, issuer, true);
  const answer = answerOcspRequest(request.der, ownKeys(), statusOf());
  const muchLater = new Date(Date.now() + 3 * 3_600_000);
  assert.throws(() => readOcspResponse(answer, check(request, muchLater)), /out of date/);
});

test('a tampered response does not verify', () => {
  const request = buildOcspRequest(card, issuer, true);
  const answer = answerOcspRequest(request.der, ownKeys(), statusOf());
  const tampered = Buffer.from(answer);
  const producedAt = tampered.indexOf(Buffer.from(String(new Date().getUTCFullYear())));
  tampered[producedAt + 3] = tampered[producedAt + 3] === 0x30 ? 0x31 : 0x30;
  assert.throws(() => readOcspResponse(tampered, check(request)), RevocationUnavailable);
});

test('a card of another issuer is unknown to the responder', async () => {
  const other = await stranger.issueCard({
    hsaId: 'SE5565594230-OCSP2',
    givenName: 'O',
    surname: 'D',
  });
  const otherCard = new X509Certificate(other.certificatePem);
  const otherIssuer = new X509Certificate(stranger.authorities.issuingCa.certificatePem);
  const request = buildOcspRequest(otherCard, otherIssuer, true);
  // The responder knows only its own issuing CA; its signer is one the card's issuer trusts.
  const keys = { issuer: pki.authorities.issuingCa, signer: stranger.authorities.ocspSigner };
  const answer = answerOcspRequest(request.der, keys, statusOf());
  const status = readOcspResponse(answer, { ...check(request), issuer: otherIssuer });
  assert.equal(status, 'unknown');
});
