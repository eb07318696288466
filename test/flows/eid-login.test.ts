import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FlowBrowser } from '../support/flow-browser.ts';
import {
  backToClient,
  beginLogin,
  openChooser,
  redeem,
  registerVendor,
  scopes,
} from '../support/flow-client.ts';
import { BankIdPhone, FrejaPhone } from '../support/phone.ts';
import { startBryggaWithSimulators, startSimulators } from '../support/start-with-simulators.ts';
import type { BryggaWithSimulators, Simulators } from '../support/start-with-simulators.ts';
import { storesUnderTest } from '../support/store.ts';
import { finishBankId, loginWithFreja, scanBankIdQr } from './drive.ts';

const anna = { personalNumber: '198006129863', givenName: 'Anna', familyName: 'Andersson' };
const loa3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
const authnProvider = 'https://id.oidc.se/claim/authnProvider';
const personalIdentityNumber = 'https://id.oidc.se/claim/personalIdentityNumber';

for (const storeUnderTest of storesUnderTest()) {
  describe(`eID logins end to end (${storeUnderTest.name} store)`, () => {
    let simulators: Simulators;
    let brygga: BryggaWithSimulators;

    before(async () => {
      simulators = await startSimulators();
      brygga = await startBryggaWithSimulators(await storeUnderTest.open(), simulators);
    });
    after(async () => {
      await brygga.stop();
      await simulators.close();
    });

    test('openid-client through BankID (QR code): identity claims, acr, amr, txn, authnProvider', async () => {
      const config = await registerVendor(brygga, 'flow-bankid');
      const login = await beginLogin(config, { scope: scopes.person });
      const browser = new FlowBrowser();
      const { uid, page } = await openChooser(browser, brygga.issuer, login);
      assert.ok(page.includes(`/login/bankid/${uid}`), 'the chooser offers BankID');

      const phone = new BankIdPhone(simulators.bankid.phoneUrl);
      const session = await scanBankIdQr(browser, brygga.issuer, uid, phone, anna.personalNumber);
      await phone.approve(session);
      const answer = await finishBankId(browser, brygga.issuer, uid);
      const callback = await backToClient(browser, brygga.issuer, answer);
      assert.equal(callback.searchParams.get('iss'), brygga.issuer);

      const { idToken, userinfo } = await redeem(login, callback);
      assert.equal(idToken.acr, loa3);
      assert.deepEqual(idToken.amr, ['bankid']);
      assert.equal(idToken[authnProvider], 'https://www.bankid.com');
      assert.match(String(idToken.txn), /^[0-9a-f-]{36}$/, 'txn is the BankID orderRef');
      const order = simulators.bankid.orders.find(
        (candidate) => candidate.orderRef === idToken.txn,
      );
      assert.ok(order, 'txn names the order BankID completed');
      assert.equal(idToken[personalIdentityNumber], anna.personalNumber);
      assert.equal(userinfo[personalIdentityNumber], anna.personalNumber);
      assert.equal(userinfo.given_name, anna.givenName);
      assert.equal(userinfo.family_name, anna.familyName);
      assert.equal(userinfo.txn, undefined, 'authentication information only in the ID token');
      await browser.close();
    });

    test('openid-client through Freja eID+: identity claims, acr, amr, txn, authnProvider', async () => {
      const config = await registerVendor(brygga, 'flow-freja');
      const login = await beginLogin(config, { scope: scopes.person });
      const browser = new FlowBrowser();
      const { uid, page } = await openChooser(browser, brygga.issuer, login);
      assert.ok(page.includes(`/login/freja/${uid}`), 'the chooser offers Freja');

      const phone = new FrejaPhone(new URL('/phone', simulators.freja.phoneUrl).href);
      const answer = await loginWithFreja(browser, brygga.issuer, uid, phone, anna.personalNumber);
      const callback = await backToClient(browser, brygga.issuer, answer);

      const { idToken, userinfo } = await redeem(login, callback);
      assert.equal(idToken.acr, loa3);
      assert.ok(Array.isArray(idToken.amr) && idToken.amr.length > 0, 'amr present');
      assert.equal(idToken[authnProvider], 'https://frejaeid.com');
      assert.ok(typeof idToken.txn === 'string' && idToken.txn.length > 0, 'txn is the authRef');
      assert.equal(idToken[personalIdentityNumber], anna.personalNumber);
      assert.equal(userinfo[personalIdentityNumber], anna.personalNumber);
      assert.equal(userinfo.given_name, anna.givenName);
      assert.equal(userinfo.family_name, anna.familyName);
      await browser.close();
    });
  });
}
