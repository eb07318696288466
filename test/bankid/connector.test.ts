import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCertificateAuthority, issueCertificate } from '../../src/dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import { BankIdClient } from '../../src/connectors/bankid/bankid-client.ts';
import type { RpCredential } from '../../src/connectors/bankid/bankid-client.ts';
import {
  bankIdErrorCode,
  toBryggaError,
  upstreamErrorFrom,
} from '../../src/connectors/bankid/bankid-errors.ts';
import { parseCollect } from '../../src/connectors/bankid/bankid-responses.ts';
import { qrContent, secondsSince } from '../../src/connectors/bankid/qr-content.ts';
import { parsePinnedRoot, loadTlsMaterial } from '../../src/connectors/bankid/tls-material.ts';
import { bankIdConfigSchema } from '../../src/config/sections/bankid.ts';
import type { BankIdSimulator } from '../../src/simulators/bankid/start.ts';
import { astrid, phone, startSimulator } from './sim-harness.ts';

const logger = createRootLogger({ level: 'silent' });
let simulator: BankIdSimulator;
let rpCertificate: IssuedCertificate;
const clients: BankIdClient[] = [];

before(async () => {
  ({ simulator, rpCertificate } = await startSimulator());
});
after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await simulator.close();
});

function client(options: { pinnedRootPem?: string; credential?: RpCredential } = {}): BankIdClient {
  const created = new BankIdClient({
    baseUrl: simulator.url,
    pinnedRootPem: options.pinnedRootPem ?? simulator.caCertificatePem,
    credential: options.credential ?? {
      certificatePem: rpCertificate.certificatePem,
      privateKeyPem: rpCertificate.privateKeyPem,
    },
    logger,
  });
  clients.push(created);
  return created;
}

async function rejection(promise: Promise<unknown>): Promise<BryggaError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BryggaError, `expected BryggaError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('QR content', () => {
  test('matches the published BankID test vector', () => {
    const token = '67df3917-fa0d-44e5-b327-edcc928297f8';
    const secret = 'd28db9a7-4cde-429e-a983-359be676944c';
    assert.equal(
      qrContent(token, secret, 0),
      `bankid.${token}.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8`,
    );
    assert.equal(
      qrContent(token, secret, 1),
      `bankid.${token}.1.949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2`,
    );
    assert.equal(
      qrContent(token, secret, 2.9),
      `bankid.${token}.2.a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3`,
    );
  });

  test('seconds since the order started are truncated and never negative', () => {
    const start = new Date('2030-01-01T00:00:00Z');
    assert.equal(secondsSince(start, new Date('2030-01-01T00:00:02.999Z')), 2);
    assert.equal(secondsSince(start, new Date('2029-12-31T23:59:59Z')), 0);
  });
});

describe('client against the simulator', () => {
  test('auth, collect until complete, and cancel', async () => {
    const bankId = client();
    const order = await bankId.auth({ endUserIp: '192.0.2.5', returnRisk: true });
    assert.deepEqual(await bankId.collect(order.orderRef), {
      orderRef: order.orderRef,
      status: 'pending',
      hintCode: 'outstandingTransaction',
    });
    const opened = await phone(simulator, 'autostart', {
      autoStartToken: order.autoStartToken,
      personalNumber: astrid,
    });
    await phone(simulator, `sessions/${String(opened.body.session)}/approve`, {});
    const result = await bankId.collect(order.orderRef);
    assert.equal(result.status, 'complete');
    if (result.status === 'complete') {
      assert.equal(result.completionData.user.personalNumber, astrid);
      assert.equal(result.completionData.risk, 'low');
    }

    const other = await bankId.auth({ endUserIp: '2001:db8::5' });
    await bankId.cancel(other.orderRef);
    const error = await rejection(bankId.cancel(other.orderRef));
    assert.equal(error.code, 'internal');
    assert.equal(bankIdErrorCode(error), 'invalidParameters');
  });

  test('BankID error codes become Brygga codes, without retry', async () => {
    const bankId = client();
    const cases = [
      ['maintenance', 'upstream_unavailable'],
      ['internalError', 'upstream_error'],
      ['requestTimeout', 'upstream_error'],
      ['tooManyRequests', 'upstream_unavailable'],
    ] as const;
    for (const [errorCode, code] of cases) {
      simulator.injectFault({ errorCode, endpoint: 'auth' });
      const error = await rejection(bankId.auth({ endUserIp: '192.0.2.5' }));
      assert.equal(error.code, code);
      assert.equal(bankIdErrorCode(error), errorCode);
    }
    simulator.injectFault({ errorCode: 'maintenance', endpoint: 'auth', times: 2 });
    await rejection(bankId.auth({ endUserIp: '192.0.2.5' }));
    const second = await rejection(bankId.auth({ endUserIp: '192.0.2.5' }));
    assert.equal(bankIdErrorCode(second), 'maintenance', 'the first call did not retry on its own');
  });

  test('a server certificate from another CA is refused (pinned root only)', async () => {
    const otherRoot = await createCertificateAuthority('Some Other Root');
    const error = await rejection(
      client({ pinnedRootPem: otherRoot.certificatePem }).auth({ endUserIp: '192.0.2.5' }),
    );
    assert.equal(error.code, 'upstream_unavailable');
  });

  test('an RP certificate BankID did not issue → unauthorized → internal error', async () => {
    const stranger = await createCertificateAuthority('Stranger RP CA');
    const certificate = await issueCertificate(stranger, {
      subject: 'CN=Stranger',
      usage: 'client',
    });
    const bankId = client({
      credential: {
        certificatePem: certificate.certificatePem,
        privateKeyPem: certificate.privateKeyPem,
      },
    });
    const error = await rejection(bankId.auth({ endUserIp: '192.0.2.5' }));
    assert.equal(error.code, 'internal');
    assert.equal(bankIdErrorCode(error), 'unauthorized');
  });

  test('a PKCS#12 RP certificate works (openssl makes the file)', async (t) => {
    const directory = mkdtempSync(path.join(tmpdir(), 'bankid-p12-'));
    writeFileSync(path.join(directory, 'rp.crt'), rpCertificate.certificatePem);
    writeFileSync(path.join(directory, 'rp.key'), rpCertificate.privateKeyPem);
    try {
      execFileSync(
        'openssl',
        [
          'pkcs12',
          '-export',
          '-in',
          'rp.crt',
          '-inkey',
          'rp.key',
          '-out',
          'rp.p12',
          '-passout',
          'pass:qwerty123',
        ],
        { cwd: directory, stdio: 'ignore' },
      );
    } catch {
      t.skip('openssl is not available');
      return;
    }
    const pfx = readFileSync(path.join(directory, 'rp.p12'));
    const order = await client({ credential: { pfx, passphrase: 'qwerty123' } }).auth({
      endUserIp: '192.0.2.5',
    });
    assert.match(order.orderRef, /^[0-9a-f-]{36}$/);

    writeFileSync(path.join(directory, 'ca.pem'), simulator.caCertificatePem);
    const config = bankIdConfigSchema.parse({
      enabled: true,
      pfxPath: path.join(directory, 'rp.p12'),
      pfxPassphrase: 'qwerty123',
      caCertificatePath: path.join(directory, 'ca.pem'),
    });
    const material = await loadTlsMaterial(config);
    assert.ok('pfx' in material.credential);
    assert.match(material.pinnedRoot.subject, /CN=BankID simulator SSL Root CA/);
  });
});

describe('error translation and response parsing', () => {
  test('an unknown errorCode is an upstream error; a network failure is unavailable', () => {
    assert.equal(
      toBryggaError(upstreamErrorFrom(400, { errorCode: 'somethingNew', details: 'x' })).code,
      'upstream_error',
    );
    assert.equal(
      toBryggaError(upstreamErrorFrom(400, { errorCode: 'alreadyInProgress' })).code,
      'upstream_rejected',
    );
    assert.equal(
      toBryggaError(upstreamErrorFrom(503, { errorCode: 'Maintenance' })).code,
      'upstream_unavailable',
    );
    assert.equal(toBryggaError(upstreamErrorFrom(502, 'gateway html')).code, 'upstream_error');
    assert.equal(
      toBryggaError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).code,
      'upstream_unavailable',
    );
  });

  test('collect tolerates unknown hint codes and properties; refuses a broken completion', () => {
    assert.deepEqual(
      parseCollect({ orderRef: 'o', status: 'pending', hintCode: 'processing', extra: 1 }),
      {
        orderRef: 'o',
        status: 'pending',
        hintCode: 'processing',
      },
    );
    assert.throws(() =>
      parseCollect({ orderRef: 'o', status: 'complete', completionData: { user: {} } }),
    );
    assert.throws(() => parseCollect({ orderRef: 'o', status: 'Pending' }));
  });
});

describe('pinned root configuration', () => {
  const shared =
    process.env.BRYGGA_SHARED_DATA ?? path.resolve(process.cwd(), '..', 'shared', 'data');
  const testRoot = path.join(shared, 'b02-bankid-test-ssl-root-ca.crt');

  test(
    'the published BankID test SSL root parses as the pinned root',
    { skip: existsSync(testRoot) ? false : `${testRoot} is absent` },
    async () => {
      const root = parsePinnedRoot(readFileSync(testRoot, 'utf8'));
      assert.match(root.subject, /CN=Test BankID SSL Root CA v1 Test/);
      assert.match(root.subject, /O=Finansiell ID-Teknik BID AB/);
      assert.match(root.subject, /OU=Infrastructure CA/);
      assert.equal(root.validTo.getUTCFullYear(), 2034);
      const leaf = await issueCertificate(await createCertificateAuthority('x'), {
        subject: 'CN=leaf',
        usage: 'client',
      });
      assert.throws(() => parsePinnedRoot(leaf.certificatePem), /not a CA/);
      assert.throws(() => parsePinnedRoot('garbage'), /not a certificate/);
    },
  );
});
