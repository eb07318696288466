import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import type { Server } from 'node:https';
import { createCertificateAuthority, issueCertificate } from '../../src/dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import { createSithsCardListener } from '../../src/connectors/siths-card/siths-card-listener.ts';
import { SithsTestPki } from '../../src/simulators/siths-pki/siths-test-pki.ts';
import { startPkiServer } from '../../src/simulators/siths-pki/pki-server.ts';
import type { RunningPkiServer } from '../../src/simulators/siths-pki/pki-server.ts';
import { interactionUid, listen, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

let pki: SithsTestPki;
let pkiServer: RunningPkiServer;
let tlsCa: IssuedCertificate;
let h: Harness;
let server: Server;
let port: number;

before(async () => {
  pki = await SithsTestPki.create();
  pkiServer = await startPkiServer(pki);
  tlsCa = await createCertificateAuthority('Brygga test TLS CA');
  const serverCertificate = await issueCertificate(tlsCa, {
    subject: 'CN=127.0.0.1',
    hosts: ['127.0.0.1'],
    usage: 'server',
  });
  h = await startHarness({ ocsp: { enabled: true } }, { pki, pkiServer });
  server = createSithsCardListener({
    callback: h.app.callback(),
    certificatePem: serverCertificate.certificatePem,
    keyPem: serverCertificate.privateKeyPem,
    caCertificatesPem: pki.caCertificatesPem,
    otherPathsBaseUrl: 'https://brygga.example',
  });
  port = await listen(server);
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pkiServer.close();
});

interface Answer {
  status: number;
  location?: string;
}

/** supertest cannot present a client certificate; node:https can. */
function get(path: string, card?: IssuedCertificate): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        ca: tlsCa.certificatePem,
        agent: false,
        ...(card && { cert: card.certificatePem, key: card.privateKeyPem }),
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('a card presented in the TLS handshake logs in', async () => {
  const card = await pki.issueCard({
    hsaId: 'SE5565594230-TLS1',
    givenName: 'Tove',
    surname: 'Tls',
  });
  const answer = await get(`/login/siths-card/${interactionUid}`, card);

  assert.equal(answer.status, 200);
  const completed = h.services.completed.at(-1);
  assert.equal(completed?.identity.asserted?.employeeHsaId, 'SE5565594230-TLS1');
});

test('a TLS connection without a card gets the failure page, not a handshake error', async () => {
  const before = h.services.failed.length;
  const answer = await get(`/login/siths-card/${interactionUid}`);

  assert.equal(answer.status, 401);
  assert.equal(h.services.failed.length, before + 1);
  assert.equal(h.services.failed.at(-1)?.detail, 'missing_certificate');
});

test('a card from another CA over TLS is refused as unknown_ca', async () => {
  const stranger = await SithsTestPki.create();
  const card = await stranger.issueCard({
    hsaId: 'SE5565594230-TLS2',
    givenName: 'S',
    surname: 'T',
  });
  const answer = await get(`/login/siths-card/${interactionUid}`, card);

  assert.equal(answer.status, 401);
  assert.equal(h.services.failed.at(-1)?.detail, 'unknown_ca');
});

test('other paths on the card listener are sent to the issuer origin', async () => {
  const answer = await get('/interaction/abc/failed?code=x');
  assert.equal(answer.status, 307);
  assert.equal(answer.location, 'https://brygga.example/interaction/abc/failed?code=x');
});
