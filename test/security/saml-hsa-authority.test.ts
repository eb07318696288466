import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSamlMethod } from '../../src/saml/sp/saml-method.ts';
import { registerSamlifySchemaValidator } from '../../src/saml/validation/index.ts';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { FlowBrowser } from '../support/flow-browser.ts';
import { beginLogin, openChooser, registerVendor } from '../support/flow-client.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { storesUnderTest } from '../support/store.ts';

/**
 * Security review, end to end: a federation IdP asserting only a staff member's HSA-ID
 * (Gustav Gran's, a demo person with no identity number) with a number of its own logs in
 * as that person only when the operator lists it in saml.hsaAuthorities.
 */
const impostor = {
  id: 'impostor',
  style: 'inera' as const,
  personalIdentityNumber: '191212121212',
  givenName: 'Tolvan',
  surname: 'Tolvansson',
  loa: 'http://id.sambi.se/loa/loa3',
  employeeHsaId: 'SE2321999993-GUGR01',
  healthcareProfessionalLicense: [],
  systemRole: [],
  commissions: [],
};

for (const storeUnderTest of storesUnderTest()) {
  describe(`SAML HSA authorities (${storeUnderTest.name} store)`, () => {
    let simulator: SamlIdpSimulator;
    let store: DocumentStore;
    let issuer = '';

    before(async () => {
      registerSamlifySchemaValidator();
      store = await storeUnderTest.open();
      simulator = await startSamlIdpSimulator({
        spMetadata: () => fetch(`${issuer}/saml/metadata`).then((response) => response.text()),
        people: [impostor],
      });
    });
    after(async () => {
      await simulator.close();
      await store.close();
    });

    /** Brygga on the same store and port (same SP keys), trusting the simulator. */
    async function bryggaWith(hsaAuthorities: string[], port?: number): Promise<RunningBrygga> {
      const federation = {
        id: 'simulator',
        url: simulator.aggregate.url,
        signerCertificatePem: simulator.aggregate.signerCertificatePem,
      };
      const brygga = await startBrygga(store, {
        ...(port !== undefined && { port }),
        overrides: { saml: { enabled: true, federations: [federation], hsaAuthorities } },
        methods: (config) => [
          createSamlMethod({ config: config.saml, issuer: config.issuer, production: false }),
        ],
      });
      issuer = brygga.issuer;
      return brygga;
    }

    async function loginAsImpostor(brygga: RunningBrygga, clientId: string) {
      const login = await beginLogin(await registerVendor(brygga, clientId));
      const browser = new FlowBrowser();
      const { uid } = await openChooser(browser, brygga.issuer, login);
      const idp = encodeURIComponent(simulator.entityId);
      const sent = await browser.get(`${brygga.issuer}/login/saml/${uid}?idp=${idp}`);
      const control = await fetch(`${simulator.url}/control/respond`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirectUrl: sent.headers.get('location'), personId: 'impostor' }),
      });
      const answer = (await control.json()) as { samlResponse: string; relayState: string };
      const acs = await browser.post(`${brygga.issuer}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: answer.relayState,
      });
      const location = new URL(acs.headers.get('location') ?? '', brygga.issuer);
      return (await browser.follow(location.href, brygga.issuer)).url;
    }

    async function decisions(): Promise<unknown[]> {
      const events = await store.collection('audit').find({ method: 'siths-federation' });
      return events
        .filter((event) => String(event.event).startsWith('login.'))
        .map((event) => `${event.event}:${event.reason ?? ''}`);
    }

    test('an HSA-ID alone logs in only through an IdP listed as an HSA authority', async () => {
      const untrusting = await bryggaWith([]);
      const port = Number(new URL(untrusting.issuer).port);
      const refused = await loginAsImpostor(untrusting, 'hsa-untrusted');
      assert.doesNotMatch(refused, /code=/, `no code for the impostor: ${refused}`);
      assert.deepEqual(await decisions(), ['login.refused:not_registered']);
      await untrusting.stop({ keepStore: true });

      const trusting = await bryggaWith([simulator.entityId], port);
      try {
        const allowed = await loginAsImpostor(trusting, 'hsa-trusted');
        assert.match(allowed, /^https:\/\/rp\.example\/callback\?code=/, allowed);
        assert.deepEqual(await decisions(), ['login.refused:not_registered', 'login.succeeded:']);
      } finally {
        await trusting.stop({ keepStore: true });
      }
    });
  });
}
