import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/load.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { createBrygga } from '../../src/brygga.ts';
import type { Brygga, BryggaDependencies } from '../../src/brygga.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { createDevLoginMethod } from '../../src/login/dev-login/dev-login-method.ts';
import { testClaimsRelease, testPeople, testPolicy } from './test-doubles.ts';

export interface RunningBrygga extends Brygga {
  issuer: string;
  config: BryggaConfig;
  stop(): Promise<void>;
}

/** Starts Brygga on 127.0.0.1 with a free port; the issuer is that address. */
export async function startBrygga(
  store: DocumentStore,
  options: Partial<Pick<BryggaDependencies, 'policy' | 'claimsRelease' | 'methods'>> & {
    overrides?: Record<string, unknown>;
  } = {},
): Promise<RunningBrygga> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { issuer, clients: [], demo: { relyingParty: false, port: 0 }, log: { level: 'silent' }, ...options.overrides },
  );
  const logger = createRootLogger({ level: config.log.level });
  const brygga = await createBrygga({
    config,
    store,
    logger,
    policy: options.policy ?? testPolicy,
    claimsRelease: options.claimsRelease ?? testClaimsRelease,
    methods:
      options.methods ??
      (() => [createDevLoginMethod({ env: 'test', acr: config.oidc.acrValues[0]!, people: async () => testPeople })]),
  });
  server.on('request', brygga.app.callback());
  return {
    ...brygga,
    issuer,
    config,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await brygga.close();
      await store.close();
    },
  };
}
