import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FlowBrowser } from '../support/flow-browser.ts';
import {
  assertError,
  backToClient,
  beginLogin,
  openChooser,
  redeem,
  registerVendor,
} from '../support/flow-client.ts';
import { BankIdPhone } from '../support/phone.ts';
import { startBryggaWithSimulators, startSimulators } from '../support/start-with-simulators.ts';
import type { BryggaWithSimulators, Simulators } from '../support/start-with-simulators.ts';
import { storesUnderTest } from '../support/store.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { endedPageAndBack, finishBankId, openBankId, pollStatus } from './drive.ts';

const anna = '198006129863';

for (const storeUnderTest of storesUnderTest()) {
  describe(`BankID logins across restarts and races (${storeUnderTest.name} store)`, () => {
    let simulators: Simulators;
    let store: DocumentStore;
    let brygga: BryggaWithSimulators;
    let phone: BankIdPhone;

    before(async () => {
      simulators = await startSimulators();
      store = await storeUnderTest.open();
      brygga = await startBryggaWithSimulators(store, simulators);
      phone = new BankIdPhone(simulators.bankid.phoneUrl);
    });
    after(async () => {
      await brygga.stop();
      await simulators.close();
    });

    test('a login started before a restart finishes on the new process', async () => {
      const config = await registerVendor(brygga, 'flow-restart');
      const login = await beginLogin(config);
      const browser = new FlowBrowser();
      const { uid } = await openChooser(browser, brygga.issuer, login);
      const session = await openBankId(browser, brygga.issuer, uid, phone, anna);

      const port = Number(new URL(brygga.issuer).port);
      await brygga.stop({ keepStore: true });
      brygga = await startBryggaWithSimulators(store, simulators, { port });
      assert.equal(brygga.issuer, `http://127.0.0.1:${port}`, 'same issuer after the restart');

      await phone.approve(session);
      const answer = await finishBankId(browser, brygga.issuer, uid);
      const callback = await backToClient(browser, brygga.issuer, answer);
      const { tokens, idToken } = await redeem(login, callback);
      assert.ok(tokens.access_token);
      assert.equal(idToken['https://id.oidc.se/claim/personalIdentityNumber'], anna);
      await browser.close();
    });

    test('two logins of one person: the first is cancelled by BankID, the second succeeds', async () => {
      const config = await registerVendor(brygga, 'flow-concurrent');
      const first = { login: await beginLogin(config), browser: new FlowBrowser() };
      const second = { login: await beginLogin(config), browser: new FlowBrowser() };
      const firstUid = (await openChooser(first.browser, brygga.issuer, first.login)).uid;
      const secondUid = (await openChooser(second.browser, brygga.issuer, second.login)).uid;

      const firstSession = await openBankId(first.browser, brygga.issuer, firstUid, phone, anna);
      const secondSession = await openBankId(second.browser, brygga.issuer, secondUid, phone, anna);
      assert.equal(await phone.phase(firstSession), 'failed', 'BankID cancelled the first order');

      const ended = await pollStatus(
        first.browser,
        `${brygga.issuer}/login/bankid/${firstUid}/status`,
        (status) => typeof status.next === 'string',
      );
      assert.equal(ended.state, 'failed');
      assert.match(String(ended.message), /avbruten|avbröts/i, 'the person is told why');
      const firstAnswer = await first.browser.get(new URL(String(ended.next), brygga.issuer).href);
      const failure = await endedPageAndBack(first.browser, brygga.issuer, firstAnswer);
      assert.equal(failure.status, 400);
      assert.match(failure.page, /Inloggningen misslyckades/);
      assert.match(failure.page, /\(login_failed\)/);
      const firstCallback = await backToClient(first.browser, brygga.issuer, failure.back);
      assertError(firstCallback, first.login, brygga.issuer, 'access_denied');

      await phone.approve(secondSession);
      const answer = await finishBankId(second.browser, brygga.issuer, secondUid);
      const { idToken } = await redeem(
        second.login,
        await backToClient(second.browser, brygga.issuer, answer),
      );
      assert.equal(idToken['https://id.oidc.se/claim/personalIdentityNumber'], anna);
      await Promise.all([first.browser.close(), second.browser.close()]);
    });
  });
}
