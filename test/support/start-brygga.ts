import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/load.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { createBrygga } from '../../src/brygga.ts';
import type { Brygga } from '../../src/brygga.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { createDevLoginMethod } from '../../src/login/dev-login/dev-login-method.ts';
import type { LoginMethod } from '../../src/login/login-method.ts';
import { demoDevPeople } from '../../src/startup/demo-people.ts';

export interface RunningBrygga extends Brygga {
  issuer: string;
  config: BryggaConfig;
  /** Stops the HTTP server and Brygga; closes the store unless `keepStore`. */
  stop(options?: { keepStore?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Config overrides, deep-merged over config/default.yaml (simulators are off here). */
  overrides?: Record<string, unknown>;
  /** Login methods; default: the development test login with the demo staff. */
  methods?: (config: BryggaConfig) => LoginMethod[] | Promise<LoginMethod[]>;
  /** A fixed port, so a restarted Brygga keeps the same issuer; default a free one. */
  port?: number;
}

/**
 * Starts Brygga on 127.0.0.1 (the issuer is that address) with the demo care providers
 * and staff seeded, every simulator off and the development test login on.
 */
export async function startBrygga(
  store: DocumentStore,
  options: StartOptions = {},
): Promise<RunningBrygga> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      issuer,
      clients: [],
      demo: { relyingParty: false, port: 0 },
      log: { level: process.env.TEST_LOG_LEVEL ?? 'silent' },
      bankid: { enabled: false },
      freja: { enabled: false },
      sithsCard: { enabled: false },
      saml: { enabled: false },
      ...options.overrides,
    },
  );
  const logger = createRootLogger({ level: config.log.level });
  const methods = options.methods
    ? await options.methods(config)
    : [
        createDevLoginMethod({
          env: 'test',
          acr: config.oidc.acrValues[0]!,
          people: async () => demoDevPeople(),
        }),
      ];
  const brygga = await createBrygga({ config, store, logger, methods });
  server.on('request', brygga.app.callback());
  return {
    ...brygga,
    issuer,
    config,
    async stop(stopOptions = {}) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await brygga.close();
      if (!stopOptions.keepStore) await store.close();
    },
  };
}
