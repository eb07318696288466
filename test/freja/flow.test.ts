import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { FrejaConnector } from '../../src/connectors/freja/freja-connector.ts';
import type { FrejaAuthenticationService } from '../../src/connectors/freja/freja-flow.ts';
import { createFrejaMethod } from '../../src/connectors/freja/freja-method.ts';
import { frejaConnectorOptionsForSimulator } from '../../src/connectors/freja/connector-options.ts';
import { ManualClock, startFrejaSimulator } from '../../src/simulators/freja/index.ts';
import type { FrejaSimulator } from '../../src/simulators/freja/index.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { signingIdentity } from './fake-freja.ts';
import { RecordingServices, serveMethod, silentLogger, testOnStores } from './support.ts';

const tolvan = '191212121212';
const sam = '188001619819';
const acr = 'http://id.elegnamnden.se/loa/1.0/loa3';
let clock: ManualClock;
let simulator: FrejaSimulator;
let connector: FrejaConnector;

before(async () => {
  // Starts at the real time: the simulator's signing certificate is valid from now on.
  clock = new ManualClock();
  simulator = await startFrejaSimulator({ clock });
  connector = new FrejaConnector({
    ...frejaConnectorOptionsForSimulator(simulator, silentLogger),
    now: () => new Date(clock.now()),
  });
});

after(async () => {
  await connector.close();
  await simulator.close();
});

/** Counts initAuthentication calls on the way to the real connector. */
function counting(inner: FrejaAuthenticationService) {
  const calls = { init: 0, cancel: 0 };
  const service: FrejaAuthenticationService = {
    initAuthentication: () => {
      calls.init += 1;
      return inner.initAuthentication();
    },
    getOneResult: (authRef) => inner.getOneResult(authRef),
    cancel: (authRef) => {
      calls.cancel += 1;
      return inner.cancel(authRef);
    },
  };
  return { service, calls };
}

async function bridge(store: DocumentStore, service: FrejaAuthenticationService = connector) {
  const services = new RecordingServices(store);
  const method = createFrejaMethod({
    connector: service,
    acr,
    authnProvider: 'https://frejaeid.com',
    now: () => new Date(clock.now()),
  });
  return { services, app: await serveMethod(method, services) };
}

async function authRefOf(store: DocumentStore, uid: string): Promise<string> {
  const row = await store.collection('freja_requests').findOne({ uid });
  assert.equal(typeof row?.authRef, 'string');
  return row?.authRef as string;
}

async function pollStatus(app: Awaited<ReturnType<typeof bridge>>['app'], uid: string) {
  clock.advance(2_000);
  const answer = await app.fetch(`/login/freja/${uid}/status`, { uid });
  assert.equal(answer.status, 200, answer.text);
  return JSON.parse(answer.text) as Record<string, string>;
}

testOnStores('an approved Freja eID+ login completes with the signed identity', async (store) => {
  const { services, app } = await bridge(store);
  try {
    const page = await app.fetch('/login/freja/uid-a?lang=en', { uid: 'uid-a' });
    assert.equal(page.status, 200);
    assert.match(page.text, /Log in with Freja eID\+/);
    assert.match(page.text, /src="\/login\/freja\/uid-a\/qr\.svg"/);
    assert.match(page.text, /href="frejaeid:\/\/bindUserToTransaction\?transactionReference=/);
    const qr = await app.fetch('/login/freja/uid-a/qr.svg', { uid: 'uid-a' });
    assert.match(qr.text, /^<svg/);

    const authRef = await authRefOf(store, 'uid-a');
    assert.equal((await pollStatus(app, 'uid-a')).frejaStatus, 'STARTED');
    await simulator.phone({ action: 'approve', reference: authRef, ssn: tolvan });
    assert.equal((await pollStatus(app, 'uid-a')).state, 'approved');

    const finish = await app.fetch('/login/freja/uid-a/finish', { method: 'POST', uid: 'uid-a' });
    assert.equal(finish.text, 'completed');
    assert.equal(services.completed.length, 1);
    assert.deepEqual(services.completed[0]?.identity, {
      method: 'freja',
      personalIdentityNumber: tolvan,
      givenName: 'Tolvan',
      familyName: 'Tolvansson',
      displayName: 'Tolvan Tolvansson',
      birthdate: '1912-12-12',
      acr,
      amr: ['freja'],
      txn: authRef,
      authnProvider: 'https://frejaeid.com',
    });

    const evidence = await store.collection('freja_evidence').findOne({ authRef });
    assert.equal(evidence?.x5t, simulator.signingX5t);
    assert.equal((evidence?.detailsJws as string).split('.').length, 3);
    assert.equal(evidence?.personHash, services.audit.hashPerson(tolvan));
    const row = await store.collection('freja_requests').findOne({ uid: 'uid-a' });
    assert.equal(row?.state, 'completed');
    assert.equal(row?.identity, undefined, 'the identity number leaves the flow row');

    const again = await app.fetch('/login/freja/uid-a/finish', { method: 'POST', uid: 'uid-a' });
    assert.equal(again.status, 400);
    assert.equal(services.completed.length, 1, 'an approval is used once');
  } finally {
    await app.close();
  }
});

testOnStores('a samordningsnummer becomes coordinationNumber', async (store) => {
  const { services, app } = await bridge(store);
  try {
    await app.fetch('/login/freja/uid-s', { uid: 'uid-s' });
    await simulator.phone({
      action: 'approve',
      reference: await authRefOf(store, 'uid-s'),
      ssn: sam,
    });
    await pollStatus(app, 'uid-s');
    await app.fetch('/login/freja/uid-s/finish', { method: 'POST', uid: 'uid-s' });
    const identity = services.completed[0]?.identity;
    assert.equal(identity?.coordinationNumber, sam);
    assert.equal(identity?.personalIdentityNumber, undefined);
    assert.equal(identity?.birthdate, '1880-01-01');
  } finally {
    await app.close();
  }
});

testOnStores('cancel on the page cancels the request at Freja too', async (store) => {
  const { services, app } = await bridge(store);
  try {
    await app.fetch('/login/freja/uid-c', { uid: 'uid-c' });
    const authRef = await authRefOf(store, 'uid-c');
    const cancelled = await app.fetch('/login/freja/uid-c/cancel', {
      method: 'POST',
      uid: 'uid-c',
    });
    assert.equal(cancelled.text, 'failed: login_cancelled');
    assert.deepEqual(services.failed, [
      { uid: 'uid-c', code: 'login_cancelled', detail: 'freja:user_cancelled' },
    ]);
    const result = await connector.getOneResult(authRef);
    assert.deepEqual(result, { kind: 'ended', status: 'RP_CANCELED' });
  } finally {
    await app.close();
  }
});

testOnStores('double click and two tabs start exactly one Freja request', async (store) => {
  const { service, calls } = counting(connector);
  const first = await bridge(store, service);
  const second = await bridge(store, service);
  try {
    const pages = await Promise.all([
      first.app.fetch('/login/freja/uid-d', { uid: 'uid-d' }),
      first.app.fetch('/login/freja/uid-d', { uid: 'uid-d' }),
      second.app.fetch('/login/freja/uid-d', { uid: 'uid-d' }),
      second.app.fetch('/login/freja/uid-d', { uid: 'uid-d' }),
    ]);
    assert.deepEqual(
      pages.map((page) => page.status),
      [200, 200, 200, 200],
    );
    assert.equal(calls.init, 1);
    assert.equal(await store.collection('freja_requests').countDocuments({ uid: 'uid-d' }), 1);
  } finally {
    await first.app.close();
    await second.app.close();
  }
});

testOnStores(
  'the flow survives a restart: a new method instance on the same store',
  async (store) => {
    const before = await bridge(store);
    await before.app.fetch('/login/freja/uid-r', { uid: 'uid-r' });
    const authRef = await authRefOf(store, 'uid-r');
    await before.app.close();

    await simulator.phone({ action: 'approve', reference: authRef, ssn: tolvan });
    const afterRestart = await bridge(store);
    try {
      assert.equal((await pollStatus(afterRestart.app, 'uid-r')).state, 'approved');
      await afterRestart.app.fetch('/login/freja/uid-r/finish', { method: 'POST', uid: 'uid-r' });
      assert.equal(afterRestart.services.completed[0]?.identity.txn, authRef);
    } finally {
      await afterRestart.app.close();
    }
  },
);

testOnStores('expiry after two minutes is a failure and an audit event', async (store) => {
  const { services, app } = await bridge(store);
  try {
    await app.fetch('/login/freja/uid-e', { uid: 'uid-e' });
    clock.advance(120_000);
    const status = await pollStatus(app, 'uid-e');
    assert.equal(status.state, 'failed');
    assert.match(status.message ?? '', /tiden/i);

    const finish = await app.fetch('/login/freja/uid-e/finish', { method: 'POST', uid: 'uid-e' });
    assert.equal(finish.status, 400);
    assert.deepEqual(services.failed, [
      { uid: 'uid-e', code: 'interaction_expired', detail: 'freja:EXPIRED' },
    ]);
    const events = await services.auditEvents();
    assert.ok(
      events.some((event) => event.event === 'upstream.failed' && event.reason === 'freja:EXPIRED'),
    );
  } finally {
    await app.close();
  }
});

testOnStores('an approval that fails verification never logs anyone in', async (store) => {
  const stranger = await signingIdentity();
  const suspicious = new FrejaConnector({
    ...frejaConnectorOptionsForSimulator(simulator, silentLogger),
    signingCertificatePems: [stranger.certificate.certificatePem],
  });
  const { services, app } = await bridge(store, suspicious);
  try {
    await app.fetch('/login/freja/uid-f', { uid: 'uid-f' });
    await simulator.phone({
      action: 'approve',
      reference: await authRefOf(store, 'uid-f'),
      ssn: tolvan,
    });
    assert.equal((await pollStatus(app, 'uid-f')).state, 'failed');
    await app.fetch('/login/freja/uid-f/finish', { method: 'POST', uid: 'uid-f' });
    assert.equal(services.completed.length, 0);
    assert.equal(services.failed[0]?.detail, 'freja:unknown_signing_key');
    const events = await services.auditEvents();
    assert.ok(events.some((event) => event.reason === 'freja:unknown_signing_key'));
  } finally {
    await app.close();
    await suspicious.close();
  }
});

testOnStores('another browser (no interaction cookie) learns nothing', async (store) => {
  const { app } = await bridge(store);
  try {
    await app.fetch('/login/freja/uid-g', { uid: 'uid-g' });
    const foreign = await app.fetch('/login/freja/uid-g/status', { uid: 'uid-other' });
    assert.deepEqual(JSON.parse(foreign.text), { state: 'gone', code: 'interaction_expired' });
    const none = await app.fetch('/login/freja/uid-g/qr.svg');
    assert.equal(none.status, 400);
  } finally {
    await app.close();
  }
});
