import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCertificateAuthority, issueCertificate } from '../../src/dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import { ManualClock } from '../../src/simulators/bankid/clock.ts';
import { qrAuthCode } from '../../src/simulators/bankid/qr-check.ts';
import type { BankIdSimulator } from '../../src/simulators/bankid/start.ts';
import { phone, qrData, rp, startSimulator } from './sim-harness.ts';

const clock = new ManualClock();
let simulator: BankIdSimulator;
let rpCertificate: IssuedCertificate;

before(async () => {
  ({ simulator, rpCertificate } = await startSimulator({ clock, requestTimeoutMs: 300 }));
});
after(() => simulator.close());

const auth = (body: unknown) => rp(simulator, rpCertificate, 'auth', { body });
const collect = (orderRef: unknown) =>
  rp(simulator, rpCertificate, 'collect', { body: { orderRef } });
const cancel = (orderRef: unknown) =>
  rp(simulator, rpCertificate, 'cancel', { body: { orderRef } });

function assertError(
  response: { status: number; body: Record<string, unknown> },
  status: number,
  errorCode: string,
) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.errorCode, errorCode);
  assert.equal(typeof response.body.details, 'string');
}

describe('animated QR code (published BankID test vector)', () => {
  const secret = 'd28db9a7-4cde-429e-a983-359be676944c';
  test('qrAuthCode for time 0, 1, 2 and 3', () => {
    assert.equal(
      qrAuthCode(secret, '0'),
      'dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8',
    );
    assert.equal(
      qrAuthCode(secret, '1'),
      '949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2',
    );
    assert.equal(
      qrAuthCode(secret, '2'),
      'a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3',
    );
    assert.equal(
      qrAuthCode(secret, '3'),
      '96077d77699971790b46ee1f04ff1e44fe96b0602c9c51e4ca9c6d031c7c3bb7',
    );
  });

  test('a scan accepts the current second ±1, refuses older or forged codes', async () => {
    const order = (await auth({ endUserIp: '192.0.2.10' })).body;
    clock.advance(5_000);
    assert.equal(
      (await phone(simulator, 'scan', { qrData: qrData(order, 3) })).body.error,
      'staleQr',
    );
    assert.equal(
      (await phone(simulator, 'scan', { qrData: qrData(order, 7) })).body.error,
      'staleQr',
    );
    const forged = qrData(order, 5).replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    assert.equal((await phone(simulator, 'scan', { qrData: forged })).body.error, 'invalidQr');
    const scanned = await phone(simulator, 'scan', { qrData: qrData(order, 4) });
    assert.equal(scanned.status, 200);
    assert.equal(scanned.body.phase, 'userSign');
  });
});

describe('mutual TLS', () => {
  test('no client certificate → 401 unauthorized', async () => {
    assertError(
      await rp(simulator, rpCertificate, 'auth', {
        body: { endUserIp: '192.0.2.1' },
        certificate: null,
      }),
      401,
      'unauthorized',
    );
  });

  test('a client certificate from another CA → 401 unauthorized', async () => {
    const stranger = await createCertificateAuthority('Not BankID RP CA');
    const certificate = await issueCertificate(stranger, {
      subject: 'CN=Intruder',
      usage: 'client',
    });
    assertError(
      await rp(simulator, rpCertificate, 'auth', { body: { endUserIp: '192.0.2.1' }, certificate }),
      401,
      'unauthorized',
    );
  });
});

describe('request errors', () => {
  test('unknown path → 404 notFound; GET → 405 methodNotAllowed', async () => {
    assertError(await rp(simulator, rpCertificate, '/rp/v5.1/auth', { body: {} }), 404, 'notFound');
    assertError(
      await rp(simulator, rpCertificate, 'auth', { method: 'GET', contentType: null }),
      405,
      'methodNotAllowed',
    );
  });

  test('charset parameter, wrong or missing Content-Type → 415 unsupportedMediaType', async () => {
    const body = { endUserIp: '192.0.2.1' };
    for (const contentType of ['application/json; charset=UTF-8', 'text/plain', null]) {
      assertError(
        await rp(simulator, rpCertificate, 'auth', { body, contentType }),
        415,
        'unsupportedMediaType',
      );
    }
  });

  test('invalid bodies → 400 invalidParameters', async () => {
    const invalid: unknown[] = [
      {},
      { endUserIp: 'not-an-ip' },
      { endUserIp: '192.0.2.1', personalNumber: '199001012385' },
      { endUserIp: '192.0.2.1', requirement: { personalNumber: '199001012384' } },
      { endUserIp: '192.0.2.1', requirement: { risk: 'high' } },
      { endUserIp: '192.0.2.1', requirement: { certificatePolicies: ['not-an-oid'] } },
      { endUserIp: '192.0.2.1', userVisibleData: 'not base64!' },
      { endUserIp: '192.0.2.1', returnUrl: 'x'.repeat(513) },
      {
        endUserIp: '192.0.2.1',
        web: { referringDomain: 'ab', userAgent: 'ua', deviceIdentifier: 'd' },
      },
      {
        endUserIp: '192.0.2.1',
        web: { referringDomain: 'example.se', userAgent: 'ua', deviceIdentifier: 'd' },
        app: { appIdentifier: 'a', deviceOS: 'b', deviceModelName: 'c', deviceIdentifier: 'd' },
      },
    ];
    for (const body of invalid) assertError(await auth(body), 400, 'invalidParameters');
    assertError(
      await rp(simulator, rpCertificate, 'auth', { rawBody: '{"endUserIp":' }),
      400,
      'invalidParameters',
    );
    const sign = await rp(simulator, rpCertificate, 'sign', { body: { endUserIp: '192.0.2.1' } });
    assertError(sign, 400, 'invalidParameters');
    assert.match(String(sign.body.details), /userVisibleData/);
  });

  test('a valid /sign and a full /auth are accepted', async () => {
    const sign = await rp(simulator, rpCertificate, 'sign', {
      body: {
        endUserIp: '2001:db8::1',
        userVisibleData: Buffer.from('Godkänn').toString('base64'),
      },
    });
    assert.equal(sign.status, 200);
    const full = await auth({
      endUserIp: '192.0.2.1',
      requirement: {
        pinCode: true,
        mrtd: false,
        certificatePolicies: ['1.2.3.4.*'],
        risk: 'moderate',
      },
      userVisibleData: Buffer.from('Logga in').toString('base64'),
      userVisibleDataFormat: 'simpleMarkdownV1',
      returnUrl: 'https://rp.example/return?nonce=abc',
      returnRisk: true,
      web: { referringDomain: 'rp.example', userAgent: 'Mozilla/5.0', deviceIdentifier: 'abc123' },
    });
    assert.equal(full.status, 200);
    for (const field of ['orderRef', 'autoStartToken', 'qrStartToken', 'qrStartSecret']) {
      assert.match(String(full.body[field]), /^[0-9a-f-]{36}$/);
    }
  });

  test('unknown or malformed orderRef, double cancel → 400 invalidParameters', async () => {
    assertError(await collect('11111111-2222-3333-4444-555555555555'), 400, 'invalidParameters');
    assertError(await collect(42), 400, 'invalidParameters');
    const order = (await auth({ endUserIp: '192.0.2.1' })).body;
    const first = await cancel(order.orderRef);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, {});
    assertError(await cancel(order.orderRef), 400, 'invalidParameters');
    assertError(await collect(order.orderRef), 400, 'invalidParameters');
  });

  test('a body sent too slowly → 408 requestTimeout', async () => {
    const response = await rp(simulator, rpCertificate, 'auth', {
      rawBody: '{"endUserIp":"192.0.2.1"}',
    }).catch(() => undefined);
    assert.equal(response?.status, 200, 'a complete body is in time');
    const slow = await slowRequest();
    assert.equal(slow.status, 408);
    assert.equal(slow.body.errorCode, 'requestTimeout');
  });

  test('injected 403, 429 (with RateLimit headers), 500 and 503', async () => {
    const cases = [
      { errorCode: 'unauthorized', status: 403 },
      { errorCode: 'tooManyRequests', status: 429 },
      { errorCode: 'internalError', status: 500 },
      { errorCode: 'maintenance', status: 503 },
    ];
    for (const fault of cases) {
      const injected = await phone(simulator, 'faults', { ...fault, endpoint: 'auth' });
      assert.equal(injected.status, 200);
      const response = await auth({ endUserIp: '192.0.2.1' });
      assertError(response, fault.status, fault.errorCode);
      if (fault.status === 429) assert.equal(response.headers['ratelimit-remaining'], '0');
    }
    assert.equal((await auth({ endUserIp: '192.0.2.1' })).status, 200, 'faults are used up');
  });
});

function slowRequest() {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    import('node:https').then(({ request }) => {
      const outgoing = request(new URL('auth', simulator.url), {
        method: 'POST',
        ca: simulator.caCertificatePem,
        cert: rpCertificate.certificatePem,
        key: rpCertificate.privateKeyPem,
        headers: { 'content-type': 'application/json', 'content-length': 100 },
      });
      outgoing.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
          });
          outgoing.destroy();
        });
      });
      outgoing.on('error', reject);
      outgoing.write('{"endUserIp":');
    }, reject);
  });
}
