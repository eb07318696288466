import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { SithsTestPki } from '../../src/simulators/siths-pki/siths-test-pki.ts';
import { startPkiServer } from '../../src/simulators/siths-pki/pki-server.ts';
import type { RunningPkiServer } from '../../src/simulators/siths-pki/pki-server.ts';
import { escapedCertificate, interactionUid, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const path = `/login/siths-card/${interactionUid}`;
const header = 'x-ssl-client-cert';
const viaLocalProxy = { trustedProxies: ['127.0.0.1'] };
const anna = { hsaId: 'SE5565594230-ABC1', givenName: 'Anna', surname: 'Andersson' };

let pki: SithsTestPki;
let pkiServer: RunningPkiServer;

before(async () => {
  pki = await SithsTestPki.create();
  pkiServer = await startPkiServer(pki);
});
after(() => pkiServer.close());

async function harness(overrides: Record<string, unknown>, now?: () => Date): Promise<Harness> {
  return startHarness({ ...viaLocalProxy, ...overrides }, { pki, pkiServer, ...(now && { now }) });
}

async function presentCard(h: Harness, pem: string): Promise<request.Response> {
  return request(h.app.callback()).get(path).set(header, escapedCertificate(pem));
}

async function assertRefused(h: Harness, pem: string, reason: string): Promise<void> {
  const response = await presentCard(h, pem);
  assert.equal(response.status, 401);
  assert.deepEqual(h.services.failed, [
    { uid: interactionUid, code: 'certificate_invalid', detail: reason },
  ]);
  assert.equal(h.services.completed.length, 0);
  const events = await h.services.auditEvents();
  assert.equal(events[0]?.event, 'certificate.rejected');
  assert.equal(events[0]?.reason, reason);
}

test('a valid card from a trusted proxy completes the login with its HSA-ID', async () => {
  const h = await harness({ ocsp: { enabled: true } });
  const card = await pki.issueCard(anna);

  const response = await presentCard(h, card.certificatePem);

  assert.equal(response.status, 200);
  assert.equal(h.services.failed.length, 0);
  const [completed] = h.services.completed;
  assert.equal(completed?.uid, interactionUid);
  const identity = completed?.identity;
  assert.equal(identity?.method, 'siths-card');
  assert.equal(identity?.asserted?.employeeHsaId, 'SE5565594230-ABC1');
  assert.equal(identity?.givenName, 'Anna');
  assert.equal(identity?.familyName, 'Andersson');
  assert.equal(identity?.displayName, 'Anna Andersson');
  assert.equal(identity?.acr, 'http://id.elegnamnden.se/loa/1.0/loa3');
  assert.deepEqual(identity?.amr, ['siths', 'sc', 'hwk']);
  assert.equal(identity?.authnProvider, 'urn:brygga:authn-provider:siths-card');
  assert.equal(identity?.credentialValidTo, Math.floor(card.certificate.notAfter.getTime() / 1000));
  assert.equal(identity?.personalIdentityNumber, undefined);
});

test('a card from a CA that is not configured is refused as unknown_ca', async () => {
  const h = await harness({});
  const stranger = await SithsTestPki.create();
  const card = await stranger.issueCard(anna);
  await assertRefused(h, card.certificatePem, 'unknown_ca');
});

test('an expired card is refused', async () => {
  const h = await harness({});
  const card = await pki.issueCard({
    ...anna,
    notBefore: new Date(Date.now() - 400 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
  });
  await assertRefused(h, card.certificatePem, 'expired');
});

test('a card used after its notAfter (clock moved forward) is refused as expired', async () => {
  const h = await harness({}, () => new Date(Date.now() + 800 * 86_400_000));
  const card = await pki.issueCard(anna);
  await assertRefused(h, card.certificatePem, 'expired');
});

test('a card that is not yet valid is refused', async () => {
  const h = await harness({});
  const card = await pki.issueCard({ ...anna, notBefore: new Date(Date.now() + 86_400_000) });
  await assertRefused(h, card.certificatePem, 'not_yet_valid');
});

test('a card the OCSP responder reports revoked is refused', async () => {
  const h = await harness({ ocsp: { enabled: true } });
  const card = await pki.issueCard(anna);
  pki.revoke(card);
  await assertRefused(h, card.certificatePem, 'revoked');
});

test('a card on the CRL is refused; one not on it logs in', async () => {
  const h = await harness({ crl: { urls: [pki.crlUrl] } });
  const revoked = await pki.issueCard(anna);
  const good = await pki.issueCard({ ...anna, hsaId: 'SE5565594230-ABC2' });
  pki.revoke(revoked);

  await assertRefused(h, revoked.certificatePem, 'revoked');
  const response = await presentCard(h, good.certificatePem);
  assert.equal(response.status, 200);
  assert.equal(h.services.completed[0]?.identity.asserted?.employeeHsaId, 'SE5565594230-ABC2');
});

test('an unreachable OCSP responder refuses the login when fail-closed', async () => {
  const closed = await startPkiServer(await SithsTestPki.create());
  const deadUrl = `${closed.baseUrl}/ocsp`;
  await closed.close();
  const h = await harness({
    ocsp: { enabled: true, url: deadUrl, failClosed: true, timeoutMs: 2000 },
  });
  const card = await pki.issueCard(anna);
  await assertRefused(h, card.certificatePem, 'revocation_unavailable');
});

test('an unreachable OCSP responder lets the login through when configured fail-open', async () => {
  const closed = await startPkiServer(await SithsTestPki.create());
  const deadUrl = `${closed.baseUrl}/ocsp`;
  await closed.close();
  const h = await harness({
    ocsp: { enabled: true, url: deadUrl, failClosed: false, timeoutMs: 2000 },
  });
  const card = await pki.issueCard(anna);

  const response = await presentCard(h, card.certificatePem);
  assert.equal(response.status, 200);
  assert.equal(h.services.completed.length, 1);
});

test('a request without any certificate is refused as missing_certificate', async () => {
  const h = await harness({});
  const response = await request(h.app.callback()).get(path);
  assert.equal(response.status, 401);
  assert.deepEqual(h.services.failed, [
    { uid: interactionUid, code: 'certificate_missing', detail: 'missing_certificate' },
  ]);
});

test('a certificate header from an untrusted address is refused and audited', async () => {
  const h = await startHarness({ trustedProxies: ['10.20.30.40'] }, { pki, pkiServer });
  const card = await pki.issueCard(anna);

  await assertRefused(h, card.certificatePem, 'untrusted_proxy');
  const [event] = await h.services.auditEvents();
  assert.equal(event?.details?.peerAddress, '127.0.0.1');
});

test('the card certificate with a personnummer instead of an HSA-ID is refused', async () => {
  const h = await harness({});
  const card = await pki.issueCard({ ...anna, hsaId: '199001012384' });
  await assertRefused(h, card.certificatePem, 'invalid_hsa_id');
});

test('a certificate not meant for authentication is refused', async () => {
  const h = await harness({});
  const card = await pki.issueCard({ ...anna, keyUsage: 0x20 });
  await assertRefused(h, card.certificatePem, 'wrong_key_usage');
});

test('a header that holds no certificate is refused as malformed', async () => {
  const h = await harness({});
  const response = await request(h.app.callback()).get(path).set(header, 'not%20a%20certificate');
  assert.equal(response.status, 401);
  assert.equal(h.services.failed[0]?.detail, 'malformed_certificate');
});

test('an unknown interaction is not logged in even with a valid card', async () => {
  const h = await harness({});
  const card = await pki.issueCard(anna);
  const response = await request(h.app.callback())
    .get('/login/siths-card/someone-elses-uid')
    .set(header, escapedCertificate(card.certificatePem));
  assert.equal(response.status, 400);
  assert.equal(h.services.completed.length, 0);
});
