import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import { interpretMetadata, metadataSources } from '../../src/saml/metadata/metadata-source.ts';
import { TrustList } from '../../src/saml/metadata/trust-list.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import { samlConfig } from './harness.ts';

const sharedData =
  process.env.BRYGGA_SHARED_DATA ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const logger = createRootLogger({ level: 'silent' });
const dayMs = 86_400_000;

describe('federation metadata trust list', () => {
  let simulator: SamlIdpSimulator;
  let directory: string;

  before(async () => {
    simulator = await startSamlIdpSimulator({ spMetadata: async () => '' });
    directory = await mkdtemp(path.join(tmpdir(), 'brygga-saml-'));
  });
  after(() => simulator.close());

  async function trustListFor(
    aggregate: string,
    options: { signer?: string; store?: MemoryStore } = {},
  ) {
    const file = path.join(directory, `aggregate-${Math.random().toString(36).slice(2)}.xml`);
    await writeFile(file, aggregate);
    const store = options.store ?? new MemoryStore();
    const config = samlConfig({
      federations: [
        {
          id: 'test',
          file,
          signerCertificatePem: options.signer ?? simulator.aggregate.signerCertificatePem,
        },
      ],
    });
    const audit = new AuditLog(store, 'test-audit-hash-key-000000000000000000', logger);
    const trustList = new TrustList({
      sources: metadataSources(config),
      disabledIdps: [],
      allowSha1: false,
      store,
      logger,
      audit,
    });
    await trustList.start();
    await trustList.close();
    const reasons = (await audit.query({})).map((event) => event.reason);
    return { trustList, file, store, reasons, source: metadataSources(config)[0]! };
  }

  test('a good signed aggregate yields its IdP with endpoints and assurance', async () => {
    const { trustList } = await trustListFor(simulator.aggregate.xml);
    const [idp] = trustList.list();
    assert.equal(idp?.entityId, simulator.entityId);
    assert.equal(idp?.ssoServices.length, 2);
    assert.equal(idp?.displayName.sv, 'Test-IdP (simulator)');
    assert.ok(idp?.assuranceCertifications.includes('http://id.elegnamnden.se/loa/1.0/loa3'));
  });

  test('a tampered aggregate is refused and reported', async () => {
    const tampered = simulator.aggregate.xml.replace('Test-IdP (simulator)', 'Evil IdP');
    const { trustList, reasons } = await trustListFor(tampered);
    assert.deepEqual(trustList.list(), []);
    assert.ok(reasons.includes('saml_metadata_invalid'));
  });

  test('an aggregate signed by someone other than the pinned signer is refused', async (t) => {
    const pinned = path.join(sharedData, 'm04-sc-prod-metadata-signer.crt');
    const signer = await readFile(pinned, 'utf8').catch(() => undefined);
    if (!signer) return t.skip(`shared data not found at ${sharedData}`);
    const { trustList, reasons } = await trustListFor(simulator.aggregate.xml, { signer });
    assert.deepEqual(trustList.list(), []);
    assert.ok(reasons.includes('saml_metadata_invalid'));
  });

  test('an aggregate past its validUntil is refused', async () => {
    const expired = simulator.signAggregate([simulator.metadataXml], new Date(Date.now() - dayMs));
    const { trustList, reasons } = await trustListFor(expired);
    assert.deepEqual(trustList.list(), []);
    assert.ok(reasons.includes('saml_metadata_invalid'));
  });

  test('an unreachable federation at start-up uses the last good copy from the store', async () => {
    const first = await trustListFor(simulator.aggregate.xml);
    assert.equal(first.trustList.list().length, 1);
    const config = samlConfig({
      federations: [
        {
          id: 'test',
          file: path.join(directory, 'missing.xml'),
          signerCertificatePem: simulator.aggregate.signerCertificatePem,
        },
      ],
    });
    const audit = new AuditLog(first.store, 'test-audit-hash-key-000000000000000000', logger);
    const restarted = new TrustList({
      sources: metadataSources(config),
      disabledIdps: [],
      allowSha1: false,
      store: first.store,
      logger,
      audit,
    });
    await restarted.start();
    await restarted.close();
    assert.equal(restarted.list()[0]?.entityId, simulator.entityId);
    assert.ok(
      (await audit.query({})).some((event) => event.reason === 'saml_metadata_unreachable'),
    );
  });

  test('a refresh that fails keeps the previous good copy', async () => {
    const { trustList, file, source } = await trustListFor(simulator.aggregate.xml);
    await writeFile(file, simulator.aggregate.xml.replace('Test-IdP', 'Other'));
    await trustList.refresh(source);
    assert.equal(trustList.list()[0]?.entityId, simulator.entityId);
  });

  test('a locally configured IdP (Sweden Connect QA reference metadata) is read', async (t) => {
    const xml = await readFile(
      path.join(sharedData, 'm01-sc-qa-reference-idp-metadata.xml'),
      'utf8',
    ).catch(() => undefined);
    if (!xml) return t.skip(`shared data not found at ${sharedData}`);
    const [source] = metadataSources(samlConfig({ idps: [{ metadataXml: xml }] }));
    const { idps } = interpretMetadata(xml, source!, new Date(), false);
    assert.equal(idps[0]?.entityId, 'http://qa.test.swedenconnect.se/idp');
    assert.equal(idps[0]?.wantAuthnRequestsSigned, true);
    assert.ok(idps[0]?.assuranceCertifications.includes('http://id.elegnamnden.se/loa/1.0/loa3'));
  });

  test('hostile XML as metadata is refused before parsing', async (t) => {
    const xml = await readFile(path.join(sharedData, 'x10-xml-billion-laughs.xml'), 'utf8').catch(
      () => undefined,
    );
    if (!xml) return t.skip(`shared data not found at ${sharedData}`);
    const [source] = metadataSources(samlConfig({ idps: [{ metadataXml: xml }] }));
    assert.throws(() => interpretMetadata(xml, source!, new Date(), false), {
      code: 'saml_invalid',
    });
  });
});
