import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BankIdClient } from '../../src/connectors/bankid/bankid-client.ts';
import { qrContent, secondsSince } from '../../src/connectors/bankid/qr-content.ts';
import type { BankIdOrderDocument } from '../../src/connectors/bankid/order-repository.ts';
import { ManualClock } from '../../src/simulators/bankid/clock.ts';
import type { BankIdSimulator } from '../../src/simulators/bankid/start.ts';
import { startBankIdSimulator } from '../../src/simulators/bankid/start.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { storesUnderTest } from '../support/store.ts';
import type { ServiceCall } from './flow-harness.ts';
import { bankIdConfig, browser, clientFor, countingApi, startProcess } from './flow-harness.ts';
import { astrid, bertilModerate, ceciliaHigh, phone } from './sim-harness.ts';

for (const storeUnderTest of storesUnderTest()) {
  describe(`BankID login flow (${storeUnderTest.name} store)`, () => {
    const clock = new ManualClock();
    const calls: ServiceCall[] = [];
    let store: DocumentStore;
    let simulator: BankIdSimulator;
    let client: BankIdClient;
    let api: ReturnType<typeof countingApi>;
    let brygga: { url: string; close(): Promise<void> };
    const cleanup: Array<() => Promise<void>> = [];

    before(async () => {
      store = await storeUnderTest.open();
      simulator = await startBankIdSimulator({ clock });
      client = await clientFor(simulator);
      api = countingApi(client);
      brygga = await startProcess({ store, api, clock, calls });
    });
    after(async () => {
      for (const close of cleanup) await close();
      await brygga.close();
      await client.close();
      await simulator.close();
      await store.close();
    });

    const orderOf = async (uid: string) =>
      (await store.collection<BankIdOrderDocument>('bankid_orders').findOne({ uid }))!;
    const callFor = (uid: string) => calls.find((call) => call.uid === uid);

    async function scanAs(uid: string, personalNumber: string): Promise<string> {
      const { order, orderStartedAt } = await orderOf(uid);
      const content = qrContent(
        order!.qrStartToken,
        order!.qrStartSecret,
        secondsSince(orderStartedAt!, new Date(clock.now())),
      );
      const scanned = await phone(simulator, 'scan', { qrData: content, personalNumber });
      assert.equal(scanned.status, 200, JSON.stringify(scanned.body));
      return String(scanned.body.session);
    }

    test('QR login: page, animated QR, hint texts, complete → identity handed over', async () => {
      const person = browser(brygga.url);
      const page = await person.get(`/login/bankid/${person.uid}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /src="\/login\/bankid\/[\w-]+\/qr\.svg"/);
      assert.match(html, /href="\/login\/bankid\/[\w-]+\/launch"/);
      assert.match(html, /src="\/static\/bankid\.js"/);
      const stored = await orderOf(person.uid);
      assert.ok(!html.includes(stored.order!.qrStartSecret), 'qrStartSecret stays on the server');
      assert.equal(
        simulator.orders.find((o) => o.orderRef === stored.order!.orderRef)?.request.endUserIp,
        '127.0.0.1',
      );

      const first = await (await person.get(`/login/bankid/${person.uid}/qr.svg`)).text();
      assert.match(first, /<svg/);
      clock.advance(1_000);
      const second = await (await person.get(`/login/bankid/${person.uid}/qr.svg`)).text();
      assert.notEqual(first, second, 'the QR code changes every second');

      const pending = await person.status();
      assert.equal(pending.state, 'pending');
      assert.equal(pending.message, 'Starta BankID-appen.');
      assert.ok(!JSON.stringify(pending).includes(stored.order!.qrStartSecret));

      const session = await scanAs(person.uid, astrid);
      clock.advance(2_000);
      assert.equal((await person.status()).hintCode, 'userSign');
      await phone(simulator, `sessions/${session}/approve`, {});
      clock.advance(2_000);
      const done = await person.status();
      assert.equal(done.state, 'complete');
      assert.equal(done.next, `/login/bankid/${person.uid}/done`);

      const handOver = await person.get(String(done.next));
      assert.equal(await handOver.text(), 'completed');
      const call = callFor(person.uid);
      assert.equal(call?.kind, 'complete');
      if (call?.kind !== 'complete') return;
      assert.deepEqual(call.identity, {
        method: 'bankid',
        personalIdentityNumber: astrid,
        givenName: 'Astrid',
        familyName: 'Testsson',
        displayName: 'Astrid Testsson',
        acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
        amr: ['bankid'],
        txn: stored.order!.orderRef,
        authnProvider: 'https://www.bankid.com',
        deviceIp: '127.0.0.1',
      });
      const audit = await store
        .collection('bankid_signatures')
        .findOne({ orderRef: stored.order!.orderRef });
      assert.match(Buffer.from(String(audit?.signature), 'base64').toString(), /bankIdSignedData/);
      assert.equal(typeof audit?.ocspResponse, 'string');
      assert.equal(audit?.personalNumber, undefined, 'the audit record holds a hash only');
      assert.equal(
        (await orderOf(person.uid)).completion,
        undefined,
        'personal data removed after hand-over',
      );
      assert.equal((await person.get(String(done.next))).status, 400, 'handed over only once');
    });

    test('double click starts one order; collect runs at most every 2 s', async () => {
      const person = browser(brygga.url);
      const before = api.counts.auth ?? 0;
      const pages = await Promise.all(
        [1, 2, 3].map(() => person.get(`/login/bankid/${person.uid}`)),
      );
      assert.deepEqual(
        pages.map((page) => page.status),
        [200, 200, 200],
      );
      assert.equal(api.counts.auth, before + 1);

      const collects = api.counts.collect ?? 0;
      await person.status();
      await person.status();
      clock.advance(1_000);
      await person.status();
      assert.equal(api.counts.collect, collects + 1);
      clock.advance(1_000);
      await person.status();
      assert.equal(api.counts.collect, collects + 2);
    });

    test('cancel reaches BankID and ends the login as cancelled', async () => {
      const person = browser(brygga.url);
      await person.get(`/login/bankid/${person.uid}`);
      const { order } = await orderOf(person.uid);
      const cancelled = await person.post(`/login/bankid/${person.uid}/cancel`);
      assert.equal(cancelled.status, 302);
      assert.equal(cancelled.headers.get('location'), `/login/bankid/${person.uid}/done`);
      assert.throws(() => simulator.orders.collect(order!.orderRef), /No such order/);
      await person.get(`/login/bankid/${person.uid}/done`);
      assert.deepEqual(callFor(person.uid), {
        kind: 'fail',
        uid: person.uid,
        code: 'login_cancelled',
        detail: 'Inloggningen avbröts.',
      });
    });

    test('autostart with returnUrl: the nonce works once, in this browser only', async () => {
      const person = browser(brygga.url);
      await person.get(`/login/bankid/${person.uid}`);
      const launch = await person.get(`/login/bankid/${person.uid}/launch`);
      const location = launch.headers.get('location') ?? '';
      assert.match(location, /^bankid:\/\/\/\?autostarttoken=[0-9a-f-]{36}&redirect=null$/);
      const token = new URL(location.replace('bankid:///', 'https://x/')).searchParams.get(
        'autostarttoken',
      );
      assert.equal((await person.status()).message, 'Försöker starta BankID-appen.', 'RFA13');
      const opened = await phone(simulator, 'autostart', { autoStartToken: token });
      clock.advance(2_000);
      assert.equal((await person.status()).hintCode, 'started');
      const session = String(opened.body.session);
      const approved = await phone(simulator, `sessions/${session}/approve`, {
        personalNumber: astrid,
      });
      const returnUrl = new URL(String(approved.body.returnUrl));
      assert.equal(returnUrl.origin, 'https://brygga.test');
      const path = `${returnUrl.pathname}${returnUrl.search}`;

      const stranger = browser(brygga.url);
      assert.equal((await stranger.get(path)).status, 403, 'another browser cannot use it');
      assert.equal(
        (await person.get(`/login/bankid/${person.uid}/return?nonce=wrong`)).status,
        400,
      );
      const back = await person.get(path);
      assert.equal(back.status, 302);
      assert.equal(back.headers.get('location'), `/login/bankid/${person.uid}`);
      assert.equal((await person.get(path)).status, 400, 'a replayed return is refused');
    });

    test('moderate risk refused by default, high risk always', async () => {
      for (const personalNumber of [bertilModerate, ceciliaHigh]) {
        const person = browser(brygga.url);
        await person.get(`/login/bankid/${person.uid}`);
        const session = await scanAs(person.uid, personalNumber);
        await phone(simulator, `sessions/${session}/approve`, {});
        clock.advance(2_000);
        assert.equal((await person.status()).state, 'failed');
        await person.get(`/login/bankid/${person.uid}/done`);
        assert.equal((callFor(person.uid) as { code?: string }).code, 'login_refused');
      }
    });

    test('two logins of the same person: the first order is cancelled', async () => {
      const first = browser(brygga.url);
      const second = browser(brygga.url);
      await first.get(`/login/bankid/${first.uid}`);
      await second.get(`/login/bankid/${second.uid}`);
      await scanAs(first.uid, astrid);
      const session = await scanAs(second.uid, astrid);
      clock.advance(2_000);
      const firstStatus = await first.status();
      assert.equal(firstStatus.state, 'failed');
      assert.equal(firstStatus.message, 'Åtgärden avbröts. Försök igen.');
      await first.get(`/login/bankid/${first.uid}/done`);
      assert.equal((callFor(first.uid) as { code?: string }).code, 'login_failed');
      await phone(simulator, `sessions/${session}/approve`, {});
      assert.equal((await second.status()).state, 'complete');
    });

    test('QR not scanned: a new order after startFailed, up to the limit', async () => {
      const limited = await startProcess({
        store,
        api,
        clock,
        calls,
        config: bankIdConfig({ startFailedRestarts: 1 }),
      });
      cleanup.push(limited.close);
      const person = browser(limited.url);
      await person.get(`/login/bankid/${person.uid}`);
      const firstOrder = (await orderOf(person.uid)).order!.orderRef;
      clock.advance(30_000);
      assert.equal((await person.status()).state, 'pending');
      const restarted = await orderOf(person.uid);
      assert.notEqual(restarted.order!.orderRef, firstOrder);
      assert.equal(restarted.restarts, 1);
      clock.advance(30_000);
      const failed = await person.status();
      assert.equal(failed.state, 'failed');
      await person.get(`/login/bankid/${person.uid}/done`);
      assert.deepEqual(callFor(person.uid), {
        kind: 'fail',
        uid: person.uid,
        code: 'login_failed',
        detail: 'Det gick inte att läsa QR-koden. Starta BankID-appen och skanna koden igen.',
      });
    });

    test('a restart mid-login loses nothing: another process finishes it', async () => {
      const person = browser(brygga.url);
      await person.get(`/login/bankid/${person.uid}`);
      const session = await scanAs(person.uid, astrid);
      const other = await startProcess({ store, api, clock, calls });
      cleanup.push(other.close);
      await phone(simulator, `sessions/${session}/approve`, {});
      clock.advance(2_000);
      const elsewhere = browser(other.url, person.uid);
      assert.equal((await elsewhere.status()).state, 'complete');
      assert.equal(
        await (await elsewhere.get(`/login/bankid/${person.uid}/done`)).text(),
        'completed',
      );
    });

    test('BankID unavailable at /auth: the login fails with RFA5, not a stack trace', async () => {
      simulator.injectFault({ errorCode: 'maintenance', endpoint: 'auth' });
      const person = browser(brygga.url);
      const page = await person.get(`/login/bankid/${person.uid}`);
      assert.equal(page.status, 302);
      assert.equal(page.headers.get('location'), `/login/bankid/${person.uid}/done`);
      await person.get(`/login/bankid/${person.uid}/done`);
      assert.deepEqual(callFor(person.uid), {
        kind: 'fail',
        uid: person.uid,
        code: 'upstream_unavailable',
        detail: 'Internt tekniskt fel. Försök igen.',
      });
    });

    test('a browser cannot touch another browser’s login', async () => {
      const person = browser(brygga.url);
      await person.get(`/login/bankid/${person.uid}`);
      const intruder = browser(brygga.url);
      for (const path of ['', '/status', '/qr.svg', '/launch', '/done']) {
        assert.equal((await intruder.get(`/login/bankid/${person.uid}${path}`)).status, 403, path);
      }
      assert.equal((await intruder.post(`/login/bankid/${person.uid}/cancel`)).status, 403);
    });
  });
}
