import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FlowBrowser } from '../support/flow-browser.ts';
import type { FlowResponse } from '../support/flow-browser.ts';
import {
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
import { chooseCommission } from './drive.ts';

const sambi = 'http://sambi.se/attributes/1/';
const personalIdentityNumber = 'https://id.oidc.se/claim/personalIdentityNumber';

for (const storeUnderTest of storesUnderTest()) {
  describe(`SAML federation logins end to end (${storeUnderTest.name} store)`, () => {
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

    /** Chooser → discovery → the IdP picked: Brygga's signed AuthnRequest by redirect. */
    async function toIdp(browser: FlowBrowser, uid: string): Promise<string> {
      const idp = encodeURIComponent(simulators.saml.entityId);
      const sent = await browser.get(`${brygga.issuer}/login/saml/${uid}?idp=${idp}`);
      const location = sent.headers.get('location') ?? '';
      assert.equal(sent.status, 302, await sent.text());
      assert.ok(location.startsWith(`${simulators.saml.url}/sso?SAMLRequest=`), location);
      return location;
    }

    /** The browser auto-submits the IdP's form: SAMLResponse and RelayState to the ACS. */
    function postToAcs(browser: FlowBrowser, form: Record<string, string>) {
      return browser.post(`${brygga.issuer}/saml/acs`, form);
    }

    test('Inera-style person by the IdP login form: Sambi attributes and commission', async () => {
      const config = await registerVendor(brygga, 'flow-saml-inera');
      const login = await beginLogin(config, { scope: scopes.healthcare });
      const browser = new FlowBrowser();
      const { uid, page } = await openChooser(browser, brygga.issuer, login);
      assert.ok(page.includes(`/login/saml/${uid}`), 'the chooser offers the federation');

      const idpPage = await (await browser.get(await toIdp(browser, uid))).text();
      const ticket = /name="ticket" value="([^"]+)"/.exec(idpPage)?.[1];
      assert.ok(ticket, 'the IdP shows its login form');
      const posted = await browser.post(`${simulators.saml.url}/login`, {
        ticket,
        person: 'inera-anna',
        action: 'login',
      });
      const autoPost = await posted.text();
      assert.ok(autoPost.includes(`action="${brygga.issuer}/saml/acs"`), 'form posts to our ACS');
      const answer = await postToAcs(browser, {
        SAMLResponse: hiddenField(autoPost, 'SAMLResponse'),
        RelayState: hiddenField(autoPost, 'RelayState'),
      });
      assert.equal(hiddenField(autoPost, 'RelayState'), uid, 'RelayState is the login');

      const { chosen } = await chooseCommission(
        browser,
        brygga.issuer,
        answer,
        'SE2321999993-UPP01',
      );
      const { idToken, userinfo } = await redeem(
        login,
        await backToClient(browser, brygga.issuer, chosen),
      );
      assert.equal(idToken.acr, 'http://id.sambi.se/loa/loa3');
      assert.equal(idToken['https://id.oidc.se/claim/authnProvider'], simulators.saml.entityId);
      assert.equal(idToken[personalIdentityNumber], '198006129863');
      assert.equal(idToken[`${sambi}employeeHsaId`], 'SE2321999993-ANAN01');
      assert.equal(idToken[`${sambi}commissionHsaId`], 'SE2321999993-UPP01');
      assert.equal(idToken[`${sambi}healthCareProviderHsaId`], 'SE2321999993-RDL');
      assert.equal(idToken[`${sambi}healthCareUnitHsaId`], 'SE2321999993-VE01');
      assert.equal(idToken[`${sambi}personalPrescriptionCode`], '9800001');
      assert.equal(userinfo[`${sambi}commissionHsaId`], 'SE2321999993-UPP01');
      assert.equal(userinfo.given_name, 'Anna');
      await browser.close();
    });

    test('Sweden Connect-style person by the control endpoint: personnummer and LoA3', async () => {
      const config = await registerVendor(brygga, 'flow-saml-sc');
      const login = await beginLogin(config, { scope: scopes.person });
      const browser = new FlowBrowser();
      const { uid } = await openChooser(browser, brygga.issuer, login);

      const control = await fetch(`${simulators.saml.url}/control/respond`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirectUrl: await toIdp(browser, uid),
          personId: 'sweden-connect-bertil',
        }),
      });
      const response = (await control.json()) as { samlResponse: string; relayState: string };
      const answer: FlowResponse = await postToAcs(browser, {
        SAMLResponse: response.samlResponse,
        RelayState: response.relayState,
      });

      const { idToken, userinfo } = await redeem(
        login,
        await backToClient(browser, brygga.issuer, answer),
      );
      assert.equal(idToken.acr, 'http://id.elegnamnden.se/loa/1.0/loa3');
      assert.equal(idToken[personalIdentityNumber], '197505039896');
      assert.equal(userinfo[personalIdentityNumber], '197505039896');
      assert.equal(userinfo.family_name, 'Berg');
      assert.ok(idToken.txn, 'txn present');
      await browser.close();
    });
  });
}

/** A hidden input's value from Brygga's or the IdP's HTML (src/web/html.ts escaping). */
function hiddenField(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
  assert.ok(value !== undefined, `hidden field ${name}`);
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
