import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { metadataSources } from '../../src/saml/metadata/metadata-source.ts';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { storesUnderTest } from '../support/store.ts';
import { getWithInteraction, postForm, postJson, samlConfig, startSp } from './harness.ts';
import type { RunningSp } from './harness.ts';

const weekMs = 7 * 86_400_000;

for (const storeUnderTest of storesUnderTest()) {
  describe(`trust is checked again at the ACS (${storeUnderTest.name} store)`, () => {
    let simulator: SamlIdpSimulator;
    let other: SamlIdpSimulator;
    let store: DocumentStore;
    let aggregateFile: string;
    let spMetadata = '';
    const running: RunningSp[] = [];

    before(async () => {
      simulator = await startSamlIdpSimulator({ spMetadata: async () => spMetadata });
      other = await startSamlIdpSimulator({ spMetadata: async () => spMetadata });
      store = await storeUnderTest.open();
      aggregateFile = path.join(
        await mkdtemp(path.join(tmpdir(), 'brygga-saml-')),
        'aggregate.xml',
      );
      await writeFile(aggregateFile, simulator.aggregate.xml);
    });
    after(async () => {
      for (const sp of running) await sp.close();
      await simulator.close();
      await other.close();
    });

    function config(disabledIdps: string[] = []) {
      return samlConfig({
        disabledIdps,
        federations: [
          {
            id: 'test',
            file: aggregateFile,
            signerCertificatePem: simulator.aggregate.signerCertificatePem,
          },
        ],
      });
    }

    async function sp(disabledIdps: string[] = []): Promise<RunningSp> {
      const started = await startSp(store, config(disabledIdps));
      spMetadata = (await started.method.ready()).metadataXml;
      running.push(started);
      return started;
    }

    async function loginUpToResponse(at: RunningSp, uid: string) {
      at.services.addInteraction(uid);
      const start = await getWithInteraction(
        `${at.url}/login/saml/${uid}?idp=${encodeURIComponent(simulator.entityId)}`,
        uid,
      );
      const redirectUrl = start.headers.get('location') ?? '';
      return postJson<{ samlResponse: string }>(`${simulator.url}/control/respond`, {
        redirectUrl,
        personId: 'sc-tolvan',
      });
    }

    test('a disabled IdP is refused when its response arrives', async () => {
      const first = await sp();
      const answer = await loginUpToResponse(first, 'uid-disabled');
      // A second process of the same deployment, configured with the IdP disabled.
      const second = await sp([simulator.entityId]);
      second.services.addInteraction('uid-disabled');
      const acs = await postForm(`${second.url}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: 'uid-disabled',
      });
      assert.equal(acs.status, 400);
      assert.deepEqual(second.services.completed, []);
      assert.equal(second.services.failed[0]?.detail, 'idp_not_trusted');
    });

    test('an IdP removed from the aggregate is refused, also by a process that did not refresh', async () => {
      const processA = await sp();
      const processB = await sp();
      const answer = await loginUpToResponse(processA, 'uid-removed');

      await writeFile(
        aggregateFile,
        simulator.signAggregate([other.metadataXml], new Date(Date.now() + weekMs)),
      );
      await (await processB.method.ready()).trustList.refresh(metadataSources(config())[0]!);

      const acs = await postForm(`${processA.url}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: 'uid-removed',
      });
      assert.equal(acs.status, 400);
      assert.deepEqual(processA.services.completed, []);
      assert.equal(processA.services.failed[0]?.detail, 'idp_not_trusted');
    });
  });
}
