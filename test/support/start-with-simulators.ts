import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { sithsCardConfigSchema } from '../../src/config/sections/siths-card.ts';
import { BankIdClient } from '../../src/connectors/bankid/bankid-client.ts';
import { createBankIdMethod } from '../../src/connectors/bankid/bankid-method.ts';
import { frejaConnectorOptionsForSimulator } from '../../src/connectors/freja/connector-options.ts';
import { FrejaConnector } from '../../src/connectors/freja/freja-connector.ts';
import { createFrejaMethod } from '../../src/connectors/freja/freja-method.ts';
import { createSithsCardMethod } from '../../src/connectors/siths-card/siths-card-method.ts';
import { startSithsCardListener } from '../../src/connectors/siths-card/siths-card-listener.ts';
import { loadTrustStore } from '../../src/connectors/siths-card/trust-store.ts';
import type { LoginMethod } from '../../src/login/login-method.ts';
import { createSamlMethod } from '../../src/saml/sp/saml-method.ts';
import { registerSamlifySchemaValidator } from '../../src/saml/validation/index.ts';
import type { BankIdSimulator } from '../../src/simulators/bankid/start.ts';
import { startBankIdSimulator } from '../../src/simulators/bankid/start.ts';
import type { FrejaSimulator } from '../../src/simulators/freja/index.ts';
import { startFrejaSimulator } from '../../src/simulators/freja/index.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { RunningSithsDevPki } from '../../src/simulators/siths-pki/dev-starter.ts';
import { startSithsDevPki } from '../../src/simulators/siths-pki/dev-starter.ts';
import { filesOf } from '../../src/simulators/siths-pki/pki-files.ts';
import {
  demoBankIdPeople,
  demoFrejaPeople,
  demoSamlPeople,
} from '../../src/startup/demo-people.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { startBrygga } from './start-brygga.ts';
import type { RunningBrygga } from './start-brygga.ts';

const silent = pino({ level: 'silent' });

/** A fictitious person every simulator knows but Brygga's domain does not (not registered). */
export const unregisteredPerson = {
  personalNumber: '191212121212',
  givenName: 'Tolvan',
  surname: 'Tolvansson',
};

/**
 * Every upstream simulator, started once per test file and kept across Brygga restarts:
 * a login started before a restart is finished at the same BankID or Freja.
 */
export interface Simulators {
  bankid: BankIdSimulator;
  freja: FrejaSimulator;
  saml: SamlIdpSimulator;
  siths: RunningSithsDevPki & {
    /** The test card (Gustav Gran) and the CA of the listener's server certificate. */
    card: { certificatePath: string; keyPath: string };
    listenerCaPath: string;
  };
  /** Brygga whose SP metadata the SAML IdP reads (set by startBryggaWithSimulators). */
  issuer: string;
  close(): Promise<void>;
}

export async function startSimulators(): Promise<Simulators> {
  const directory = mkdtempSync(path.join(tmpdir(), 'brygga-flow-siths-'));
  const simulators = {} as Simulators;
  simulators.issuer = '';
  simulators.bankid = await startBankIdSimulator({
    people: [...demoBankIdPeople, unregisteredPerson],
    logger: silent,
  });
  simulators.freja = await startFrejaSimulator({
    people: [
      ...demoFrejaPeople,
      {
        ssn: unregisteredPerson.personalNumber,
        givenName: unregisteredPerson.givenName,
        surname: unregisteredPerson.surname,
        registrationLevel: 'PLUS',
      },
    ],
  });
  simulators.saml = await startSamlIdpSimulator({
    spMetadata: () =>
      fetch(`${simulators.issuer}/saml/metadata`).then((response) => response.text()),
    people: demoSamlPeople(),
  });
  const sithsConfig = sithsCardConfigSchema.parse({
    enabled: true,
    listener: { enabled: true, port: 0 },
    simulator: { enabled: true, directory, port: 0 },
  });
  const pki = await startSithsDevPki(sithsConfig, 'test', silent);
  const card = filesOf(directory, 'card');
  simulators.siths = {
    ...pki,
    card: { certificatePath: card.certificate, keyPath: card.key },
    listenerCaPath: filesOf(directory, 'tls-ca').certificate,
  };
  simulators.close = async () => {
    await Promise.all([
      simulators.bankid.close(),
      simulators.freja.close(),
      simulators.saml.close(),
      pki.close(),
    ]);
    rmSync(directory, { recursive: true, force: true });
  };
  return simulators;
}

export interface BryggaWithSimulators extends RunningBrygga {
  /** The SITHS card TLS listener's origin, e.g. https://127.0.0.1:4321 */
  cardOrigin: string;
}

/**
 * Brygga on 127.0.0.1 with the demo domain and every login method wired to the running
 * simulators (BankID, Freja, SAML federation, SITHS card with its own TLS listener).
 * `port` reuses an issuer, for restarts on the same store.
 */
export async function startBryggaWithSimulators(
  store: DocumentStore,
  simulators: Simulators,
  options: { port?: number; overrides?: Record<string, unknown> } = {},
): Promise<BryggaWithSimulators> {
  registerSamlifySchemaValidator();
  let cardOrigin = '';
  const brygga = await startBrygga(store, {
    ...(options.port !== undefined && { port: options.port }),
    overrides: {
      bankid: { enabled: true },
      freja: { enabled: true },
      sithsCard: { enabled: true },
      saml: {
        enabled: true,
        federations: [
          {
            id: 'simulator',
            url: simulators.saml.aggregate.url,
            signerCertificatePem: simulators.saml.aggregate.signerCertificatePem,
          },
        ],
      },
      ...options.overrides,
    },
    methods: (config) => methodsFor(config, simulators, () => cardOrigin),
  });
  simulators.issuer = brygga.issuer;

  const siths = simulators.siths.config;
  const listener = await startSithsCardListener(
    { ...siths, listener: { ...siths.listener, port: 0 } },
    loadTrustStore(siths.caCertificatePaths).pem,
    brygga.app.callback(),
    brygga.issuer,
  );
  cardOrigin = `https://127.0.0.1:${listener.address.port}`;
  return {
    ...brygga,
    cardOrigin,
    async stop(stopOptions) {
      await closeServer(listener.server);
      await brygga.stop(stopOptions);
    },
  };
}

async function methodsFor(
  config: BryggaConfig,
  simulators: Simulators,
  cardOrigin: () => string,
): Promise<LoginMethod[]> {
  const rp = await simulators.bankid.issueClientCertificate('Brygga flow tests');
  const bankIdClient = new BankIdClient({
    baseUrl: simulators.bankid.url,
    pinnedRootPem: simulators.bankid.caCertificatePem,
    credential: { certificatePem: rp.certificatePem, privateKeyPem: rp.privateKeyPem },
    timeoutMs: config.bankid.requestTimeoutMs,
    logger: silent,
  });
  const freja = createFrejaMethod({
    connector: new FrejaConnector(frejaConnectorOptionsForSimulator(simulators.freja, silent)),
    acr: config.freja.acr,
    authnProvider: config.freja.authnProvider,
    pollIntervalMs: 1000,
  });
  const siths = simulators.siths.config;
  const card = createSithsCardMethod({
    config: siths,
    trust: loadTrustStore(siths.caCertificatePaths),
  });
  return [
    createBankIdMethod({ config: config.bankid, api: bankIdClient }),
    freja,
    {
      ...card,
      // The card login runs on the TLS listener's origin, as in src/startup/login-methods.ts.
      get startPath() {
        return `${cardOrigin()}${card.startPath}`;
      },
    },
    createSamlMethod({ config: config.saml, issuer: config.issuer, production: false }),
  ];
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
