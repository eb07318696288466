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
  scopes,
} from '../support/flow-client.ts';
import type { StartedLogin } from '../support/flow-client.ts';
import { BankIdPhone } from '../support/phone.ts';
import { startBryggaWithSimulators, startSimulators } from '../support/start-with-simulators.ts';
import type { BryggaWithSimulators, Simulators } from '../support/start-with-simulators.ts';
import { storesUnderTest } from '../support/store.ts';
import { chooseCommission, loginWithBankId } from './drive.ts';

const anna = '198006129863';
const commissionHsaId = 'http://sambi.se/attributes/1/commissionHsaId';

for (const storeUnderTest of storesUnderTest()) {
  describe(`commission choice, acr and cancel through a login (${storeUnderTest.name} store)`, () => {
    let simulators: Simulators;
    let brygga: BryggaWithSimulators;
    let phone: BankIdPhone;

    before(async () => {
      simulators = await startSimulators();
      brygga = await startBryggaWithSimulators(await storeUnderTest.open(), simulators);
      phone = new BankIdPhone(simulators.bankid.phoneUrl);
    });
    after(async () => {
      await brygga.stop();
      await simulators.close();
    });

    /** Anna logs in with BankID; Brygga's answer after the login (before any choice). */
    async function annaLogsIn(clientId: string, extra: Record<string, string>) {
      const login = await beginLogin(await registerVendor(brygga, clientId), extra);
      const browser = new FlowBrowser();
      const { uid } = await openChooser(browser, brygga.issuer, login);
      const answer = await loginWithBankId(browser, brygga.issuer, uid, phone, anna);
      return { login, browser, answer };
    }

    async function idTokenOf(login: StartedLogin, callback: URL) {
      return (await redeem(login, callback)).idToken;
    }

    test('healthcare scope: Anna chooses a commission; the ID token carries it', async () => {
      const { login, browser, answer } = await annaLogsIn('flow-choice', {
        scope: scopes.healthcare,
      });
      const { page, chosen } = await chooseCommission(
        browser,
        brygga.issuer,
        answer,
        'SE2321999993-UPP02',
      );
      assert.match(page, /Välj vårdgivare och uppdrag/);
      assert.ok(page.includes('/SE2321999993-UPP01"'), 'both commissions are offered');
      const idToken = await idTokenOf(login, await backToClient(browser, brygga.issuer, chosen));
      assert.equal(idToken[commissionHsaId], 'SE2321999993-UPP02');
      assert.equal(
        idToken['http://sambi.se/attributes/1/commissionName'],
        'Verksamhetschef, Demo vårdcentral',
      );
      await browser.close();
    });

    test('claims parameter value pre-selects the commission: no choice page', async () => {
      const { login, browser, answer } = await annaLogsIn('flow-preselect-claims', {
        scope: scopes.healthcare,
        claims: JSON.stringify({
          id_token: { [commissionHsaId]: { value: 'SE2321999993-UPP02' } },
        }),
      });
      assert.doesNotMatch(answer.headers.get('location') ?? '', /\/choose(\?|$)/);
      const idToken = await idTokenOf(login, await backToClient(browser, brygga.issuer, answer));
      assert.equal(idToken[commissionHsaId], 'SE2321999993-UPP02');
      await browser.close();
    });

    test('login_hint=commission:<HSA-ID> pre-selects the commission too', async () => {
      const { login, browser, answer } = await annaLogsIn('flow-preselect-hint', {
        scope: scopes.healthcare,
        login_hint: 'commission:SE2321999993-UPP01',
      });
      assert.doesNotMatch(answer.headers.get('location') ?? '', /\/choose(\?|$)/);
      const idToken = await idTokenOf(login, await backToClient(browser, brygga.issuer, answer));
      assert.equal(idToken[commissionHsaId], 'SE2321999993-UPP01');
      await browser.close();
    });

    test('an essential acr the login cannot meet: unmet_authentication_requirements', async () => {
      const { login, browser, answer } = await annaLogsIn('flow-essential-acr', {
        claims: JSON.stringify({
          id_token: {
            acr: { essential: true, values: ['http://id.elegnamnden.se/loa/1.0/loa4'] },
          },
        }),
      });
      const callback = await backToClient(browser, brygga.issuer, answer);
      assertError(callback, login, brygga.issuer, 'unmet_authentication_requirements');
      const events = await brygga.audit.query({ personHash: brygga.audit.hashPerson(anna) });
      assert.ok(
        events.some((event) => event.event === 'login.refused' && event.reason === 'unmet_acr'),
        'the unmet level is audited',
      );
      await browser.close();
    });

    test('cancel on the method chooser returns access_denied with state and iss', async () => {
      const login = await beginLogin(await registerVendor(brygga, 'flow-cancel'));
      const browser = new FlowBrowser();
      const { uid, page } = await openChooser(browser, brygga.issuer, login);
      assert.ok(page.includes(`action="/interaction/${uid}/cancel"`), 'the chooser can cancel');
      const cancelled = await browser.post(`${brygga.issuer}/interaction/${uid}/cancel`, {});
      const callback = await backToClient(browser, brygga.issuer, cancelled);
      assertError(callback, login, brygga.issuer, 'access_denied');
      await browser.close();
    });
  });
}
