import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import { storesUnderTest } from '../support/store.ts';
import { getWithInteraction, postForm, postJson, samlConfig, startSp } from './harness.ts';
import type { RunningSp } from './harness.ts';

interface ControlAnswer {
  samlResponse: string;
  relayState: string | null;
}

for (const storeUnderTest of storesUnderTest()) {
  describe(`SAML login through the IdP simulator (${storeUnderTest.name} store)`, () => {
    let simulator: SamlIdpSimulator;
    let sp: RunningSp;

    before(async () => {
      let spMetadata = '';
      simulator = await startSamlIdpSimulator({ spMetadata: async () => spMetadata });
      const config = samlConfig({
        federations: [
          {
            id: 'test',
            url: simulator.aggregate.url,
            signerCertificatePem: simulator.aggregate.signerCertificatePem,
          },
        ],
      });
      sp = await startSp(await storeUnderTest.open(), config);
      spMetadata = (await sp.method.ready()).metadataXml;
    });

    after(async () => {
      await sp.close();
      await simulator.close();
    });

    /** Starts a login at the discovery route and returns the IdP redirect. */
    async function startLogin(uid: string): Promise<string> {
      const response = await getWithInteraction(
        `${sp.url}/login/saml/${uid}?idp=${encodeURIComponent(simulator.entityId)}`,
        uid,
      );
      assert.equal(response.status, 302);
      const location = response.headers.get('location') ?? '';
      assert.ok(location.startsWith(`${simulator.url}/sso?`));
      return location;
    }

    async function respond(redirectUrl: string, personId: string): Promise<ControlAnswer> {
      return postJson<ControlAnswer>(`${simulator.url}/control/respond`, { redirectUrl, personId });
    }

    test('discovery page lists the federation IdP', async () => {
      sp.services.addInteraction('uid-discovery');
      const response = await getWithInteraction(
        `${sp.url}/login/saml/uid-discovery`,
        'uid-discovery',
      );
      assert.equal(response.status, 200);
      const body = await response.text();
      assert.match(body, /Test-IdP \(simulator\)/);
      assert.ok(body.includes(`value="${simulator.entityId}"`));
    });

    test('Inera-style person: identity with HSA-ID and commission reaches completeLogin', async () => {
      sp.services.addInteraction('uid-inera');
      const answer = await respond(await startLogin('uid-inera'), 'inera-lakare');
      assert.equal(answer.relayState, 'uid-inera');
      const acs = await postForm(`${sp.url}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: 'uid-inera',
      });
      assert.equal(acs.status, 200, await acs.text());
      const login = sp.services.completed.find((entry) => entry.uid === 'uid-inera');
      assert.ok(login, 'completeLogin was called');
      assert.equal(login.identity.method, 'siths-federation');
      assert.equal(login.identity.personalIdentityNumber, '188001019804');
      assert.equal(login.identity.acr, 'http://id.sambi.se/loa/loa3');
      assert.equal(login.identity.asserted?.employeeHsaId, 'SE5591234567-abc123');
      assert.equal(
        login.identity.asserted?.commissions?.[0]?.commissionHsaId,
        'SE5591234567-upp001',
      );
      assert.equal(login.identity.authnProvider, simulator.entityId);
    });

    test('Sweden Connect-style person with requested LoA3 and ForceAuthn', async () => {
      sp.services.addInteraction('uid-sc', {
        forceAuthentication: true,
        requestedAcrValues: ['http://id.elegnamnden.se/loa/1.0/loa3'],
      });
      const answer = await respond(await startLogin('uid-sc'), 'sc-tolvan');
      const acs = await postForm(`${sp.url}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: 'uid-sc',
      });
      assert.equal(acs.status, 200, await acs.text());
      const login = sp.services.completed.find((entry) => entry.uid === 'uid-sc');
      assert.equal(login?.identity.personalIdentityNumber, '191212121212');
      assert.equal(login?.identity.givenName, 'Tolvan');
      assert.equal(login?.identity.familyName, 'Tolvansson');
      assert.equal(login?.identity.acr, 'http://id.elegnamnden.se/loa/1.0/loa3');
    });

    test('a response to another login is refused (InResponseTo bound to RelayState)', async () => {
      sp.services.addInteraction('uid-a');
      sp.services.addInteraction('uid-b');
      const answerForA = await respond(await startLogin('uid-a'), 'sc-tolvan');
      await startLogin('uid-b');
      const acs = await postForm(`${sp.url}/saml/acs`, {
        SAMLResponse: answerForA.samlResponse,
        RelayState: 'uid-b',
      });
      assert.equal(acs.status, 400);
      assert.equal(
        sp.services.completed.some((entry) => entry.uid === 'uid-b'),
        false,
      );
      const failure = sp.services.failed.find((entry) => entry.uid === 'uid-b');
      assert.equal(failure?.code, 'saml_invalid');
      assert.ok((await sp.services.auditReasons('saml.rejected')).includes(failure?.detail ?? '?'));
    });

    test('the same response cannot complete a login twice', async () => {
      sp.services.addInteraction('uid-replay');
      const answer = await respond(await startLogin('uid-replay'), 'sc-tolvan');
      const form = { SAMLResponse: answer.samlResponse, RelayState: 'uid-replay' };
      assert.equal((await postForm(`${sp.url}/saml/acs`, form)).status, 200);
      assert.equal((await postForm(`${sp.url}/saml/acs`, form)).status, 400);
      assert.equal(sp.services.completed.filter((entry) => entry.uid === 'uid-replay').length, 1);
    });

    test('an unknown RelayState gets a readable page, not a stack trace', async () => {
      const acs = await postForm(`${sp.url}/saml/acs`, {
        SAMLResponse: 'PHg+',
        RelayState: 'nope',
      });
      assert.equal(acs.status, 400);
      assert.match(await acs.text(), /<html/);
    });

    test('a cancelled login ends with login_cancelled', async () => {
      sp.services.addInteraction('uid-cancel');
      const answer = await respond(await startLogin('uid-cancel'), 'nobody');
      await postForm(`${sp.url}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: 'uid-cancel',
      });
      assert.equal(
        sp.services.failed.find((entry) => entry.uid === 'uid-cancel')?.code,
        'login_cancelled',
      );
    });
  });
}
