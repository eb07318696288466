import { createHash, X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { Agent, request } from 'undici';
import { issueCertificate, createCertificateAuthority } from '../../src/dev-pki/dev-pki.ts';
import { appLinkFor, ManualClock, startFrejaSimulator } from '../../src/simulators/freja/index.ts';
import type { FrejaSimulator } from '../../src/simulators/freja/index.ts';
import { inferredPlus, rawClient } from './support.ts';

const tolvan = '191212121212';
const extendedOnly = '188001019804';
const init = '/authentication/1.0/initAuthentication';
const getOne = '/authentication/1.0/getOneResult';
const cancel = '/authentication/1.0/cancel';

let clock: ManualClock;
let simulator: FrejaSimulator;
let client: ReturnType<typeof rawClient>;

before(async () => {
  clock = new ManualClock(Date.parse('2026-05-04T10:00:00Z'));
  simulator = await startFrejaSimulator({ clock });
  client = rawClient(simulator);
});

after(async () => {
  await client.close();
  await simulator.close();
});

async function start(body: unknown = inferredPlus): Promise<string> {
  const answer = await client.call(init, 'initAuthRequest', body);
  assert.equal(answer.status, 200, answer.text);
  assert.equal(typeof answer.json.authRef, 'string');
  return answer.json.authRef as string;
}

async function statusOf(authRef: string): Promise<unknown> {
  return (await client.call(getOne, 'getOneAuthResultRequest', { authRef })).json.status;
}

test('STARTED, DELIVERED_TO_MOBILE on scan, APPROVED with a signed details JWS', async () => {
  const authRef = await start();
  assert.equal(await statusOf(authRef), 'STARTED');

  const link = appLinkFor(authRef);
  await simulator.phone({ action: 'scan', reference: link, ssn: tolvan });
  assert.equal(await statusOf(authRef), 'DELIVERED_TO_MOBILE');

  await simulator.phone({ action: 'approve', reference: authRef, ssn: tolvan });
  const result = await client.call(getOne, 'getOneAuthResultRequest', { authRef });
  assert.equal(result.json.status, 'APPROVED');
  const details = result.json.details as string;

  const der = new X509Certificate(simulator.signingCertificatePem);
  const header = decodeProtectedHeader(details);
  assert.equal(header.alg, 'RS256');
  assert.equal(header.x5t, createHash('sha1').update(der.raw).digest('base64url'));
  const verified = await compactVerify(details, der.publicKey, { algorithms: ['RS256'] });
  const payload = JSON.parse(new TextDecoder().decode(verified.payload));
  assert.deepEqual(payload, {
    authRef,
    status: 'APPROVED',
    userInfoType: 'INFERRED',
    userInfo: 'N/A',
    minRegistrationLevel: 'PLUS',
    requestedAttributes: {
      basicUserInfo: { name: 'Tolvan', surname: 'Tolvansson' },
      ssn: { ssn: tolvan, country: 'SE' },
      registrationLevel: 'PLUS',
    },
    timestamp: clock.now(),
  });
});

test('user declines: CANCELED; Freja rejects: REJECTED; RP cancels: RP_CANCELED', async () => {
  const declined = await start();
  await simulator.phone({ action: 'cancel', reference: declined });
  assert.equal(await statusOf(declined), 'CANCELED');

  const rejected = await start();
  await simulator.phone({ action: 'reject', reference: rejected });
  assert.equal(await statusOf(rejected), 'REJECTED');

  const withdrawn = await start();
  const cancelled = await client.call(cancel, 'cancelAuthRequest', { authRef: withdrawn });
  assert.equal(cancelled.status, 200);
  assert.equal(await statusOf(withdrawn), 'RP_CANCELED');

  const again = await client.call(cancel, 'cancelAuthRequest', { authRef: withdrawn });
  assert.deepEqual([again.status, again.json.code], [400, 1100]);
});

test('a request expires after two simulated minutes and cannot be approved then', async () => {
  const authRef = await start();
  clock.advance(119_000);
  assert.equal(await statusOf(authRef), 'STARTED');
  clock.advance(1_000);
  assert.equal(await statusOf(authRef), 'EXPIRED');
  await assert.rejects(
    simulator.phone({ action: 'approve', reference: authRef, ssn: tolvan }),
    /not_active/,
  );
});

test('the phone can let a request expire at once', async () => {
  const authRef = await start();
  await simulator.phone({ action: 'expire', reference: authRef });
  assert.equal(await statusOf(authRef), 'EXPIRED');
});

test('bad requests get 400 with Freja error codes', async () => {
  const cases: Array<[string, string, number]> = [
    [init, 'initAuthRequest=', 1000],
    [init, 'somethingElse=e30=', 1000],
    [init, 'initAuthRequest=not*base64', 1010],
    [init, `initAuthRequest=${Buffer.from('{not json').toString('base64')}`, 1010],
    [init, b64({ ...inferredPlus, userInfoType: 'NAME' }), 1001],
    [init, b64({ ...inferredPlus, userInfo: 'someone' }), 1002],
    [init, b64({ ...inferredPlus, minRegistrationLevel: 'GOLD' }), 1007],
    [init, b64({ ...inferredPlus, attributesToReturn: [{ attribute: 'SHOE_SIZE' }] }), 2002],
    [
      getOne,
      `getOneAuthResultRequest=${Buffer.from('{"authRef":"nope"}').toString('base64')}`,
      1100,
    ],
  ];
  for (const [path, body, code] of cases) {
    const answer = await client.post(path, body);
    assert.equal(answer.status, 400, `${body}: ${answer.text}`);
    assert.equal(answer.json.code, code, body);
    assert.equal(typeof answer.json.message, 'string');
  }
});

test('raw body: `+` stays a plus, %XX is decoded, any Content-Type', async () => {
  // userInfo chosen so the standard base64 of the JSON contains '+' and '/'.
  const body = { ...inferredPlus, padding: '>>>???~~~' };
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64');
  assert.match(encoded, /[+/]/);
  const plain = await client.post(init, `initAuthRequest=${encoded}`, 'text/plain');
  assert.equal(plain.status, 200, plain.text);
  const form = await client.post(
    init,
    `initAuthRequest=${encodeURIComponent(encoded)}`,
    'application/x-www-form-urlencoded',
  );
  assert.equal(form.status, 200, form.text);
});

test('one active request per user: a second one is refused with 2000 and both end', async () => {
  const bySsn = {
    ...inferredPlus,
    userInfoType: 'SSN',
    userInfo: Buffer.from(JSON.stringify({ country: 'SE', ssn: tolvan })).toString('base64'),
  };
  const first = await start(bySsn);
  const second = await client.call(init, 'initAuthRequest', bySsn);
  assert.deepEqual([second.status, second.json.code], [400, 2000]);
  assert.equal(await statusOf(first), 'CANCELED');

  const a = await start();
  const b = await start();
  await simulator.phone({ action: 'scan', reference: a, ssn: tolvan });
  await assert.rejects(simulator.phone({ action: 'scan', reference: b, ssn: tolvan }), /user_busy/);
  assert.deepEqual([await statusOf(a), await statusOf(b)], ['CANCELED', 'CANCELED']);
});

test('an EXTENDED user cannot approve a PLUS request', async () => {
  const authRef = await start();
  await assert.rejects(
    simulator.phone({ action: 'approve', reference: authRef, ssn: extendedOnly }),
    /level_too_low/,
  );
  assert.equal(await statusOf(authRef), 'DELIVERED_TO_MOBILE');
});

test('mutual TLS: no client certificate, or one from another authority, gets 401', async () => {
  const anonymous = await fetchWithout(simulator);
  assert.equal(anonymous, 401);

  const strangerCa = await createCertificateAuthority('Not Freja');
  const stranger = await issueCertificate(strangerCa, { subject: 'CN=Stranger', usage: 'client' });
  const strangerClient = rawClient(simulator, stranger);
  try {
    const answer = await strangerClient.call(init, 'initAuthRequest', inferredPlus);
    assert.equal(answer.status, 401);
  } finally {
    await strangerClient.close();
  }
});

test('only POST on known paths', async () => {
  assert.equal((await client.post('/authentication/1.0/nothing', 'x=1')).status, 404);
  const agent = new Agent({
    connect: {
      ca: simulator.caCertificatePem,
      cert: simulator.relyingPartyCertificate.certificatePem,
      key: simulator.relyingPartyCertificate.privateKeyPem,
    },
  });
  const response = await request(`${simulator.url}${init}`, { dispatcher: agent });
  await response.body.dump();
  assert.equal(response.statusCode, 405);
  await agent.close();
});

test('the phone control works over HTTP JSON and as an HTML page', async () => {
  const authRef = await start();
  const list = (await (await fetch(`${simulator.phoneUrl}/api/transactions`)).json()) as Array<
    Record<string, string>
  >;
  const listed = list.find((item) => item.authRef === authRef);
  assert.ok(listed);
  assert.match(listed.appLink ?? '', /^frejaeid:\/\/bindUserToTransaction\?transactionReference=/);

  const approved = await fetch(`${simulator.phoneUrl}/api/approve`, {
    method: 'POST',
    body: JSON.stringify({ reference: listed.appLink, ssn: tolvan }),
  });
  assert.deepEqual(await approved.json(), { authRef, status: 'APPROVED' });

  const unknown = await fetch(`${simulator.phoneUrl}/api/approve`, {
    method: 'POST',
    body: JSON.stringify({ reference: 'missing', ssn: tolvan }),
  });
  assert.equal(unknown.status, 404);

  const next = await start();
  const page = await (await fetch(simulator.phoneUrl)).text();
  assert.ok(page.includes(`value="${next}"`), 'the page lists the pending request');
  const form = await fetch(`${simulator.phoneUrl}/action`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ action: 'reject', reference: next }),
  });
  assert.equal(form.status, 303);
  assert.equal(await statusOf(next), 'REJECTED');
});

test('auto-approve answers every request at once as the configured person', async () => {
  const auto = await startFrejaSimulator({ autoApprove: tolvan });
  const autoClient = rawClient(auto);
  try {
    const started = await autoClient.call(init, 'initAuthRequest', inferredPlus);
    const result = await autoClient.call(getOne, 'getOneAuthResultRequest', {
      authRef: started.json.authRef,
    });
    assert.equal(result.json.status, 'APPROVED');
    assert.equal(typeof result.json.details, 'string');
  } finally {
    await autoClient.close();
    await auto.close();
  }
});

function b64(json: unknown): string {
  return `initAuthRequest=${Buffer.from(JSON.stringify(json)).toString('base64')}`;
}

async function fetchWithout(target: FrejaSimulator): Promise<number> {
  const agent = new Agent({ connect: { ca: target.caCertificatePem } });
  try {
    const response = await request(`${target.url}${init}`, {
      method: 'POST',
      dispatcher: agent,
      body: b64(inferredPlus),
    });
    await response.body.dump();
    return response.statusCode;
  } finally {
    await agent.close();
  }
}
