import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { frejaConfigSchema } from '../../src/config/sections/freja.ts';
import { setUpFreja } from '../../src/connectors/freja/freja-setup.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { FrejaConnector } from '../../src/connectors/freja/freja-connector.ts';
import { FrejaResponseError } from '../../src/connectors/freja/freja-http.ts';
import { frejaConnectorOptionsForSimulator } from '../../src/connectors/freja/connector-options.ts';
import { startFrejaSimulator } from '../../src/simulators/freja/index.ts';
import type { FrejaSimulator } from '../../src/simulators/freja/index.ts';
import { approvedPayload, signDetails, signingIdentity, startFakeFreja } from './fake-freja.ts';
import type { ScriptedAnswer } from './fake-freja.ts';
import { silentLogger } from './support.ts';

const tolvan = '191212121212';
let simulator: FrejaSimulator;
let connector: FrejaConnector;

before(async () => {
  simulator = await startFrejaSimulator();
  connector = new FrejaConnector(frejaConnectorOptionsForSimulator(simulator, silentLogger));
});

after(async () => {
  await connector.close();
  await simulator.close();
});

test('an approved Freja eID+ login yields the signed identity', async () => {
  const { authRef } = await connector.initAuthentication();
  assert.deepEqual(await connector.getOneResult(authRef), { kind: 'pending', status: 'STARTED' });

  await simulator.phone({ action: 'approve', reference: authRef, ssn: tolvan });
  const result = await connector.getOneResult(authRef);
  assert.equal(result.kind, 'approved');
  if (result.kind !== 'approved') return;
  assert.equal(result.approval.authRef, authRef);
  assert.equal(result.approval.ssn, tolvan);
  assert.equal(result.approval.givenName, 'Tolvan');
  assert.equal(result.approval.surname, 'Tolvansson');
  assert.equal(result.approval.registrationLevel, 'PLUS');
  assert.equal(result.approval.x5t, simulator.signingX5t);
  assert.equal(result.approval.detailsJws.split('.').length, 3);
});

test('every non-APPROVED final status ends the login without an identity', async () => {
  const endings = [
    ['cancel', 'CANCELED'],
    ['reject', 'REJECTED'],
    ['expire', 'EXPIRED'],
  ] as const;
  for (const [action, status] of endings) {
    const { authRef } = await connector.initAuthentication();
    await simulator.phone({ action, reference: authRef });
    assert.deepEqual(await connector.getOneResult(authRef), { kind: 'ended', status });
  }

  const { authRef } = await connector.initAuthentication();
  await connector.cancel(authRef);
  assert.deepEqual(await connector.getOneResult(authRef), { kind: 'ended', status: 'RP_CANCELED' });
});

test('a result signed by a certificate not configured (unknown x5t) is refused', async () => {
  const other = await signingIdentity();
  const picky = new FrejaConnector({
    ...frejaConnectorOptionsForSimulator(simulator, silentLogger),
    signingCertificatePems: [other.certificate.certificatePem],
  });
  try {
    const { authRef } = await picky.initAuthentication();
    await simulator.phone({ action: 'approve', reference: authRef, ssn: tolvan });
    const result = await picky.getOneResult(authRef);
    assert.deepEqual(result, {
      kind: 'refused',
      reason: 'unknown_signing_key',
      status: 'APPROVED',
    });
  } finally {
    await picky.close();
  }
});

/** A connector against a scripted host that returns `details` made by the test. */
async function withScriptedResult(
  details: (authRef: string) => Promise<string>,
  options: { outerAuthRef?: string; signingPems: string[] },
) {
  const authRef = 'ref-1';
  const jws = await details(authRef);
  const fake = await startFakeFreja((): ScriptedAnswer => ({
    status: 200,
    body: JSON.stringify({
      authRef: options.outerAuthRef ?? authRef,
      status: 'APPROVED',
      details: jws,
    }),
  }));
  const scripted = new FrejaConnector({
    baseUrl: fake.url,
    caCertificatePem: fake.caCertificatePem,
    clientCertificatePem: fake.client.certificatePem,
    clientKeyPem: fake.client.privateKeyPem,
    signingCertificatePems: options.signingPems,
    logger: silentLogger,
  });
  try {
    return await scripted.getOneResult(authRef);
  } finally {
    await scripted.close();
    await fake.close();
  }
}

test('a forged details JWS (payload changed after signing) is refused', async () => {
  const freja = await signingIdentity();
  const result = await withScriptedResult(
    async (authRef) => {
      const genuine = await signDetails(freja.certificate, freja.x5t, approvedPayload(authRef));
      const [header, , signature] = genuine.split('.');
      const forged = { ...approvedPayload(authRef) };
      (forged.requestedAttributes as Record<string, unknown>).ssn = {
        ssn: '188001619819',
        country: 'SE',
      };
      const payload = Buffer.from(JSON.stringify(forged)).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    { signingPems: [freja.certificate.certificatePem] },
  );
  assert.deepEqual(result, { kind: 'refused', reason: 'signature_invalid', status: 'APPROVED' });
});

test('a JWS signed by another key but naming a configured x5t is refused', async () => {
  const freja = await signingIdentity();
  const attacker = await signingIdentity();
  const result = await withScriptedResult(
    (authRef) => signDetails(attacker.certificate, freja.x5t, approvedPayload(authRef)),
    { signingPems: [freja.certificate.certificatePem] },
  );
  assert.deepEqual(result, { kind: 'refused', reason: 'signature_invalid', status: 'APPROVED' });
});

test('a signed result for another authRef is refused, inside or outside the JWS', async () => {
  const freja = await signingIdentity();
  const pems = [freja.certificate.certificatePem];
  const inner = await withScriptedResult(
    () => signDetails(freja.certificate, freja.x5t, approvedPayload('someone-elses-ref')),
    { signingPems: pems },
  );
  assert.deepEqual(inner, { kind: 'refused', reason: 'auth_ref_mismatch', status: 'APPROVED' });

  const outer = await withScriptedResult(
    (authRef) => signDetails(freja.certificate, freja.x5t, approvedPayload(authRef)),
    { signingPems: pems, outerAuthRef: 'ref-2' },
  );
  assert.deepEqual(outer, { kind: 'refused', reason: 'auth_ref_mismatch', status: 'APPROVED' });
});

test('a signed result below Freja eID+ or without the identity attributes is refused', async () => {
  const freja = await signingIdentity();
  const pems = [freja.certificate.certificatePem];
  const extended = await withScriptedResult(
    (authRef) => {
      const payload = approvedPayload(authRef);
      (payload.requestedAttributes as Record<string, unknown>).registrationLevel = 'EXTENDED';
      return signDetails(freja.certificate, freja.x5t, payload);
    },
    { signingPems: pems },
  );
  assert.equal(extended.kind === 'refused' && extended.reason, 'registration_level_too_low');

  const bare = await withScriptedResult(
    (authRef) => {
      const payload = approvedPayload(authRef);
      payload.requestedAttributes = { registrationLevel: 'PLUS' };
      return signDetails(freja.certificate, freja.x5t, payload);
    },
    { signingPems: pems },
  );
  assert.equal(bare.kind === 'refused' && bare.reason, 'attributes_missing');
});

test('an expired signing certificate is refused even when the signature verifies', async () => {
  const expired = await signingIdentity({
    notBefore: new Date(Date.now() - 400 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
  });
  const result = await withScriptedResult(
    (authRef) =>
      signDetails(
        expired.certificate,
        expired.x5t,
        approvedPayload(authRef, Date.now() - 2 * 86_400_000),
      ),
    { signingPems: [expired.certificate.certificatePem] },
  );
  assert.deepEqual(result, {
    kind: 'refused',
    reason: 'signing_certificate_expired',
    status: 'APPROVED',
  });
});

test('Freja error bodies and transport failures become BryggaErrors in one place', async () => {
  const answers: Record<string, ScriptedAnswer> = {
    '/authentication/1.0/initAuthentication': { status: 400, body: '{"code":2000,"message":"x"}' },
    '/authentication/1.0/getOneResult': { status: 422, body: '{"code":1100,"message":"x"}' },
    '/authentication/1.0/cancel': { status: 503, body: 'maintenance' },
  };
  const fake = await startFakeFreja((path) => answers[path] ?? { status: 404, body: '' });
  const options = {
    baseUrl: fake.url,
    caCertificatePem: fake.caCertificatePem,
    clientCertificatePem: fake.client.certificatePem,
    clientKeyPem: fake.client.privateKeyPem,
    signingCertificatePems: [],
    logger: silentLogger,
  };
  const scripted = new FrejaConnector(options);
  const unpinned = new FrejaConnector({ ...options, caCertificatePem: simulator.caCertificatePem });
  try {
    await assert.rejects(scripted.initAuthentication(), (error: unknown) => {
      assert.ok(error instanceof BryggaError);
      assert.equal(error.code, 'upstream_rejected');
      assert.ok(error.cause instanceof FrejaResponseError);
      assert.equal(error.cause.frejaCode, 2000);
      return true;
    });
    await assert.rejects(scripted.getOneResult('x'), { code: 'upstream_error' });
    await assert.rejects(scripted.cancel('x'), { code: 'upstream_unavailable' });
    // The server's certificate does not chain to the configured root: no connection.
    await assert.rejects(unpinned.initAuthentication(), { code: 'upstream_unavailable' });
  } finally {
    await scripted.close();
    await unpinned.close();
    await fake.close();
  }
});

test('setUpFreja: disabled gives nothing; the simulator is refused in production', async () => {
  assert.equal(
    await setUpFreja(frejaConfigSchema.parse({}), 'development', silentLogger),
    undefined,
  );
  const simulated = frejaConfigSchema.parse({ enabled: true, simulator: { enabled: true } });
  await assert.rejects(setUpFreja(simulated, 'production', silentLogger), {
    code: 'invalid_config',
  });
  const method = await setUpFreja(simulated, 'development', silentLogger);
  assert.equal(method?.id, 'freja');
  await method?.close?.();
  const missingFiles = frejaConfigSchema.parse({ enabled: true });
  await assert.rejects(setUpFreja(missingFiles, 'production', silentLogger), {
    code: 'invalid_config',
  });
});
