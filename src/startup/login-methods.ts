import type { BryggaConfig } from '../config/schema.ts';
import { connectToSimulator } from '../connectors/bankid/simulator-client.ts';
import { createBankIdMethod } from '../connectors/bankid/bankid-method.ts';
import { setUpFreja } from '../connectors/freja/freja-setup.ts';
import { createSithsCardMethod } from '../connectors/siths-card/siths-card-method.ts';
import { startSithsCardListener } from '../connectors/siths-card/siths-card-listener.ts';
import { loadTrustStore } from '../connectors/siths-card/trust-store.ts';
import type { Logger } from '../log/logger.ts';
import { createDevLoginMethod } from '../login/dev-login/dev-login-method.ts';
import type { LoginMethod } from '../login/login-method.ts';
import { createSamlMethod } from '../saml/sp/saml-method.ts';
import { registerSamlifySchemaValidator } from '../saml/validation/index.ts';
import { startSamlIdpSimulator } from '../simulators/saml-idp/simulator.ts';
import { startSithsDevPki } from '../simulators/siths-pki/dev-starter.ts';
import type { RequestListener } from 'node:http';
import { demoBankIdPeople, demoDevPeople, demoFrejaPeople, demoSamlPeople } from './demo-people.ts';

export interface AssembledMethods {
  methods: LoginMethod[];
  /** Starts listeners that need Brygga's request handler (the SITHS card TLS port). */
  attach(callback: RequestListener): Promise<void>;
  /** Lets an upstream logout (SAML IdP-initiated) end the OIDC sessions of that login. */
  connect(bridge: { endSessionsOfInteraction(interactionUid: string): Promise<number> }): void;
  /** Development simulators' addresses, for the start-up banner. */
  simulators: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The login methods from configuration, in the order the chooser shows them, with the
 * local simulators started where `*.simulator.enabled` (development only). With demo data
 * the simulators know the seeded staff as their test people.
 */
export async function assembleLoginMethods(
  config: BryggaConfig,
  logger: Logger,
): Promise<AssembledMethods> {
  const methods: LoginMethod[] = [];
  const closers: (() => Promise<void>)[] = [];
  const simulators: Record<string, string> = {};
  let attach: (callback: RequestListener) => Promise<void> = async () => {};
  let bridge: { endSessionsOfInteraction(interactionUid: string): Promise<number> } | undefined;

  if (config.bankid.enabled) {
    if (config.bankid.simulator.enabled) {
      const settings = { ...config.bankid.simulator };
      if (config.domain.seedDemoData) settings.people = demoBankIdPeople;
      const { client, simulator } = await connectToSimulator(
        { ...config.bankid, simulator: settings },
        config.env,
        logger,
      );
      closers.push(() => client.close());
      simulators['BankID phone'] = simulator.phoneUrl;
      methods.push({
        ...createBankIdMethod({ config: config.bankid, api: client }),
        authnProviders: [config.bankid.authnProvider],
      });
    } else {
      methods.push({
        ...createBankIdMethod({ config: config.bankid }),
        authnProviders: [config.bankid.authnProvider],
      });
    }
  }

  const frejaConfig = config.domain.seedDemoData
    ? { ...config.freja, simulator: { ...config.freja.simulator, people: demoFrejaPeople } }
    : config.freja;
  const freja = await setUpFreja(frejaConfig, config.env, logger);
  if (freja) methods.push({ ...freja, authnProviders: [config.freja.authnProvider] });
  if (freja && config.freja.simulator.enabled && config.freja.simulator.phonePort) {
    simulators['Freja phone'] = `http://127.0.0.1:${config.freja.simulator.phonePort}/phone`;
  }

  if (config.sithsCard.enabled) {
    let siths = config.sithsCard;
    if (siths.simulator.enabled) {
      const pki = await startSithsDevPki(siths, config.env, logger);
      siths = pki.config;
      closers.push(pki.close);
      simulators['SITHS test card (PKCS#12)'] = pki.cardPkcs12Path;
    }
    const trust = loadTrustStore(siths.caCertificatePaths);
    const card = createSithsCardMethod({ config: siths, trust });
    if (siths.listener.enabled) {
      const listenerConfig = siths;
      let origin = '';
      attach = async (callback) => {
        const { server, address } = await startSithsCardListener(
          listenerConfig,
          trust.pem,
          callback,
          new URL(config.issuer).origin,
        );
        closers.push(() => new Promise((resolve) => server.close(() => resolve())));
        origin = `https://${new URL(config.issuer).hostname}:${address.port}`;
        simulators['SITHS card login'] = `${origin}/login/siths-card/…`;
        logger.info({ url: origin }, 'SITHS card listener (TLS client certificates)');
      };
      // The card login runs on the TLS listener's origin; the chooser links there.
      methods.push({
        ...card,
        authnProviders: [siths.authnProvider],
        get startPath() {
          return `${origin}${card.startPath}`;
        },
      });
    } else {
      methods.push({ ...card, authnProviders: [siths.authnProvider] });
    }
  }

  if (config.saml.enabled) {
    registerSamlifySchemaValidator();
    const samlConfig = { ...config.saml, federations: [...config.saml.federations] };
    if (config.saml.simulator.enabled) {
      const idp = await startSamlIdpSimulator({
        spMetadata: () =>
          fetch(`${config.issuer}/saml/metadata`).then((response) => response.text()),
        ...(config.domain.seedDemoData
          ? { people: demoSamlPeople() }
          : { people: config.saml.simulator.people }),
        encryptAssertions: config.saml.simulator.encryptAssertions,
        port: config.saml.simulator.port,
      });
      closers.push(idp.close);
      simulators['SAML IdP'] = idp.url;
      // The simulator stands in for Inera's IdP: authoritative for the demo staff's HSA-IDs.
      samlConfig.hsaAuthorities = [...samlConfig.hsaAuthorities, idp.entityId];
      samlConfig.federations.push({
        id: 'simulator',
        url: idp.aggregate.url,
        signerCertificatePem: idp.aggregate.signerCertificatePem,
        refreshIntervalSeconds: 3600,
      });
    }
    const saml = createSamlMethod({
      config: samlConfig,
      issuer: config.issuer,
      production: config.env === 'production',
      // SAML profiles 4.4.4: the IdP ended the session, so the OIDC sessions it began end too.
      onIdpLogout: async (session) => {
        if (!bridge) throw new Error('IdP logout before Brygga was connected');
        await bridge.endSessionsOfInteraction(session.interactionUid);
      },
    });
    methods.push(Object.assign(saml, { authnProviders: '*' as const }));
  }

  if (config.oidc.devLogin) {
    methods.push(
      createDevLoginMethod({
        env: config.env,
        acr: config.oidc.acrValues[0]!,
        people: async () => demoDevPeople(),
      }),
    );
  }

  return {
    methods,
    attach: (callback) => attach(callback),
    connect(target) {
      bridge = target;
    },
    simulators,
    async close() {
      await Promise.all(methods.map((method) => method.close?.()));
      for (const close of closers.reverse()) await close();
    },
  };
}
