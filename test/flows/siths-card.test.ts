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
import { startBryggaWithSimulators, startSimulators } from '../support/start-with-simulators.ts';
import type { BryggaWithSimulators, Simulators } from '../support/start-with-simulators.ts';
import { storesUnderTest } from '../support/store.ts';
import { endedPageAndBack } from './drive.ts';

const sambi = 'http://sambi.se/attributes/1/';

for (const storeUnderTest of storesUnderTest()) {
  describe(`SITHS card through the TLS listener (${storeUnderTest.name} store)`, () => {
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

    test('the development card logs Gustav Gran in: employeeHsaId in the tokens', async (t) => {
      const config = await registerVendor(brygga, 'flow-siths-card');
      const login = await beginLogin(config, { scope: scopes.healthcare });
      const browser = new FlowBrowser();
      t.after(() => browser.close());
      const { uid, page } = await openChooser(browser, brygga.issuer, login);
      const cardUrl = `${brygga.cardOrigin}/login/siths-card/${uid}`;
      assert.ok(page.includes(cardUrl), 'the chooser links to the TLS listener');

      browser.useTls({
        caPath: simulators.siths.listenerCaPath,
        certificatePath: simulators.siths.card.certificatePath,
        keyPath: simulators.siths.card.keyPath,
      });
      const answer = await browser.get(cardUrl);
      const { idToken, userinfo } = await redeem(
        login,
        await backToClient(browser, brygga.issuer, answer),
      );
      assert.equal(idToken[`${sambi}employeeHsaId`], 'SE2321999993-GUGR01');
      assert.equal(userinfo[`${sambi}employeeHsaId`], 'SE2321999993-GUGR01');
      assert.equal(idToken[`${sambi}commissionHsaId`], 'SE2321999993-UPP03');
      assert.equal(idToken.acr, 'http://id.elegnamnden.se/loa/1.0/loa3');
      assert.equal(
        idToken['https://id.oidc.se/claim/authnProvider'],
        'urn:brygga:authn-provider:siths-card',
      );
      assert.equal(idToken['https://id.oidc.se/claim/personalIdentityNumber'], undefined);
      assert.equal(userinfo.family_name, 'Gran');
    });

    test('no card presented: a readable failure page, then access_denied', async (t) => {
      const config = await registerVendor(brygga, 'flow-siths-nocard');
      const login = await beginLogin(config, { scope: scopes.healthcare });
      const browser = new FlowBrowser();
      t.after(() => browser.close());
      const { uid } = await openChooser(browser, brygga.issuer, login);
      browser.useTls({ caPath: simulators.siths.listenerCaPath });

      const answer = await browser.get(`${brygga.cardOrigin}/login/siths-card/${uid}`);
      const failure = await endedPageAndBack(browser, brygga.issuer, answer);
      assert.equal(failure.status, 400);
      assert.match(failure.page, /Inget SITHS-kort hittades/);
      assertError(
        await backToClient(browser, brygga.issuer, failure.back),
        login,
        brygga.issuer,
        'access_denied',
      );
    });
  });
}
