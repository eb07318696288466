import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import { ManualClock } from '../../src/simulators/bankid/clock.ts';
import type { BankIdSimulator } from '../../src/simulators/bankid/start.ts';
import {
  astrid,
  bertilModerate,
  davidBlocked,
  phone,
  qrData,
  rp,
  startSimulator,
} from './sim-harness.ts';

const clock = new ManualClock();
let simulator: BankIdSimulator;
let rpCertificate: IssuedCertificate;

before(async () => {
  ({ simulator, rpCertificate } = await startSimulator({ clock }));
});
after(() => simulator.close());

async function start(body: Record<string, unknown> = {}) {
  const response = await rp(simulator, rpCertificate, 'auth', {
    body: { endUserIp: '192.0.2.7', ...body },
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}
async function collect(order: Record<string, unknown>) {
  return (await rp(simulator, rpCertificate, 'collect', { body: { orderRef: order.orderRef } }))
    .body;
}
async function scan(order: Record<string, unknown>, personalNumber?: string) {
  const seconds = 0;
  const scanned = await phone(simulator, 'scan', {
    qrData: qrData(order, seconds),
    ...(personalNumber && { personalNumber }),
  });
  assert.equal(scanned.status, 200, JSON.stringify(scanned.body));
  return String(scanned.body.session);
}

test('QR: outstandingTransaction → userSign → complete, no hintCode', async () => {
  const order = await start({ returnRisk: true });
  assert.deepEqual(await collect(order), {
    orderRef: order.orderRef,
    status: 'pending',
    hintCode: 'outstandingTransaction',
  });
  const session = await scan(order);
  assert.equal((await collect(order)).hintCode, 'userSign');
  const approved = await phone(simulator, `sessions/${session}/approve`, {
    personalNumber: astrid,
  });
  assert.equal(approved.body.phase, 'complete');

  const result = await collect(order);
  assert.equal(result.status, 'complete');
  assert.equal('hintCode' in result, false);
  const data = result.completionData as Record<string, Record<string, unknown>>;
  assert.deepEqual(data.user, {
    personalNumber: astrid,
    name: 'Astrid Testsson',
    givenName: 'Astrid',
    surname: 'Testsson',
  });
  assert.equal(data.device?.ipAddress, '192.0.2.7');
  assert.match(String(data.device?.uhi), /^[A-Za-z0-9+/=]+$/);
  assert.match(String(data.bankIdIssueDate), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(data.risk, 'low');
  assert.equal('stepUp' in data, false, 'stepUp only when mrtd was required');
  assert.match(
    Buffer.from(String(data.signature), 'base64').toString(),
    /^<\?xml[\s\S]*bankIdSignedData/,
  );
  assert.ok(Buffer.from(String(data.ocspResponse), 'base64').length > 100);
  assert.equal((await collect(order)).status, 'complete', 'still collectable for a while');
});

test('risk only with returnRisk; mrtd goes through userMrtd and reports stepUp', async () => {
  const order = await start({ requirement: { mrtd: true } });
  const session = await scan(order, astrid);
  await phone(simulator, `sessions/${session}/approve`, {});
  assert.equal((await collect(order)).hintCode, 'userMrtd');
  clock.advance(3_000);
  const result = await collect(order);
  assert.equal(result.status, 'complete');
  const data = result.completionData as Record<string, unknown>;
  assert.deepEqual(data.stepUp, { mrtd: true });
  assert.equal('risk' in data, false);
});

test('autostart: started → userSign → complete; the phone is told the returnUrl', async () => {
  const returnUrl = 'https://rp.example/login/return?nonce=n1';
  const order = await start({ returnUrl });
  const opened = await phone(simulator, 'autostart', { autoStartToken: order.autoStartToken });
  assert.equal((await collect(order)).hintCode, 'started');
  const session = String(opened.body.session);
  const approved = await phone(simulator, `sessions/${session}/approve`, {
    personalNumber: astrid,
  });
  assert.equal(approved.body.returnUrl, returnUrl);
  assert.equal((await collect(order)).status, 'complete');
});

test('QR not scanned: startFailed after 30 s, collectable for 5 min', async () => {
  const order = await start();
  clock.advance(29_900);
  assert.equal((await collect(order)).status, 'pending');
  clock.advance(100);
  assert.deepEqual(await collect(order), {
    orderRef: order.orderRef,
    status: 'failed',
    hintCode: 'startFailed',
  });
  clock.advance(5 * 60_000 - 1_000);
  assert.equal((await collect(order)).hintCode, 'startFailed');
  clock.advance(2_000);
  assert.equal((await collect(order)).errorCode, 'invalidParameters');
});

test('scanned but never approved: expiredTransaction after 3 min', async () => {
  const order = await start();
  await scan(order, astrid);
  clock.advance(179_000);
  assert.equal((await collect(order)).hintCode, 'userSign');
  clock.advance(1_000);
  assert.equal((await collect(order)).hintCode, 'expiredTransaction');
});

test('a complete order is collectable for 3 min only', async () => {
  const order = await start();
  const session = await scan(order, astrid);
  await phone(simulator, `sessions/${session}/approve`, {});
  clock.advance(180_000);
  assert.equal((await collect(order)).status, 'complete');
  clock.advance(1_000);
  assert.equal((await collect(order)).errorCode, 'invalidParameters');
});

test('personalNumber in progress → alreadyInProgress, first order cancelled', async () => {
  const first = await start({ requirement: { personalNumber: bertilModerate } });
  const second = await rp(simulator, rpCertificate, 'auth', {
    body: { endUserIp: '192.0.2.7', requirement: { personalNumber: bertilModerate } },
  });
  assert.equal(second.status, 400);
  assert.equal(second.body.errorCode, 'alreadyInProgress');
  assert.deepEqual(await collect(first), {
    orderRef: first.orderRef,
    status: 'failed',
    hintCode: 'cancelled',
  });
});

test('the same person taking a second order cancels the first', async () => {
  const first = await start();
  const second = await start();
  await scan(first, astrid);
  await scan(second, astrid);
  assert.equal((await collect(first)).hintCode, 'cancelled');
  assert.equal((await collect(second)).hintCode, 'userSign');
});

test('another person cannot approve an order bound to a personal number', async () => {
  const order = await start({ requirement: { personalNumber: davidBlocked } });
  const session = await scan(order);
  const refused = await phone(simulator, `sessions/${session}/approve`, { personalNumber: astrid });
  assert.equal(refused.status, 409);
  assert.equal((await collect(order)).status, 'pending');
});

test('userCancel, certificateErr, transactionRiskBlocked and expiry', async () => {
  const cancelled = await start();
  await phone(simulator, `sessions/${await scan(cancelled)}/cancel`, {});
  assert.equal((await collect(cancelled)).hintCode, 'userCancel');

  const blocked = await start();
  await phone(simulator, `sessions/${await scan(blocked)}/approve`, {
    personalNumber: davidBlocked,
  });
  assert.equal((await collect(blocked)).hintCode, 'certificateErr');

  const risky = await start({ requirement: { risk: 'low' } });
  await phone(simulator, `sessions/${await scan(risky)}/approve`, {
    personalNumber: bertilModerate,
  });
  assert.equal((await collect(risky)).hintCode, 'transactionRiskBlocked');

  const abandoned = await start();
  await phone(simulator, `sessions/${await scan(abandoned)}/expire`, {});
  assert.equal((await collect(abandoned)).hintCode, 'expiredTransaction');
});

test('RP /cancel of a running order removes it; the phone sees it gone', async () => {
  const order = await start();
  const session = await scan(order);
  assert.equal(
    (await rp(simulator, rpCertificate, 'cancel', { body: { orderRef: order.orderRef } })).status,
    200,
  );
  assert.equal(
    (await phone(simulator, `sessions/${session}/approve`, { personalNumber: astrid })).status,
    410,
  );
});

test('the phone page offers scanning and approving with HTML forms', async () => {
  const order = await start();
  const page = await (await fetch(simulator.phoneUrl)).text();
  assert.match(page, /<form method="post" action="\/phone\/form\/pickup">/);
  assert.ok(
    page.includes(`name="code" value="${String(order.autoStartToken)}"`),
    'the waiting order can be opened from the page without copying its token',
  );
  const pickup = await fetch(`${simulator.phoneUrl}/form/pickup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      code: String(order.autoStartToken),
      personalNumber: astrid,
    }).toString(),
  });
  assert.equal(pickup.status, 303);
  const sessionPage = await fetch(
    new URL(pickup.headers.get('location') ?? '', simulator.phoneUrl),
  );
  const text = await sessionPage.text();
  assert.match(text, /phase:\s*<strong>userSign<\/strong>/);
  const action = /action="(\/phone\/form\/sessions\/[^"]+\/approve)"/.exec(text)?.[1] ?? '';
  const approved = await fetch(new URL(action, simulator.phoneUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ personalNumber: astrid }).toString(),
  });
  assert.equal(approved.status, 303);
  assert.equal((await collect(order)).status, 'complete');
});

test('auto-approve (development) and noClient timing', async () => {
  const autoClock = new ManualClock();
  const auto = await startSimulator({
    clock: autoClock,
    autoApprove: { personalNumber: astrid, delayMs: 2_000 },
    timing: { noClientAfterMs: 1_000 },
  });
  try {
    const order = (
      await rp(auto.simulator, auto.rpCertificate, 'auth', { body: { endUserIp: '192.0.2.9' } })
    ).body;
    const poll = async () =>
      (
        await rp(auto.simulator, auto.rpCertificate, 'collect', {
          body: { orderRef: order.orderRef },
        })
      ).body;
    assert.equal((await poll()).hintCode, 'outstandingTransaction');
    autoClock.advance(1_000);
    assert.equal((await poll()).hintCode, 'noClient');
    autoClock.advance(1_000);
    const result = await poll();
    assert.equal(result.status, 'complete');
    assert.equal(
      (result.completionData as { user: { personalNumber: string } }).user.personalNumber,
      astrid,
    );
  } finally {
    await auto.simulator.close();
  }
});
