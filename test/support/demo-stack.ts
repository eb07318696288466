import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBrygga } from '../../src/brygga.ts';
import type { Brygga } from '../../src/brygga.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { BryggaConfig } from '../../src/config/schema.ts';
import { startDemoRelyingParty } from '../../src/demo/relying-party.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import { assembleLoginMethods } from '../../src/startup/login-methods.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { openTestStore } from './store.ts';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface DemoStack {
  /** Brygga's issuer, `http://localhost:<port>`. */
  issuer: string;
  /** The demo relying party, `http://localhost:<port>`. */
  demoUrl: string;
  /** Plain-HTTP phone of the BankID simulator (JSON API under /phone/api). */
  bankIdPhoneUrl: string;
  /** Plain-HTTP phone of the Freja simulator (JSON API under /phone/api). */
  frejaPhoneUrl: string;
  /** The SAML IdP simulator, on 127.0.0.1 (another site than Brygga's localhost). */
  samlIdpUrl: string;
  /** Every request Brygga's HTTP server received, headers as they arrived. */
  bryggaRequests: ReceivedRequest[];
  config: BryggaConfig;
  store: DocumentStore;
  brygga: Brygga;
  stop(): Promise<void>;
}

/**
 * Starts what `npm start` starts, on free ports: Brygga with every login method and its
 * simulator, demo data, and the demo relying party. Host names are `localhost` for Brygga
 * and the demo RP (as in development) so their cookies behave as they do for a developer.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const bryggaServer = createServer();
  const bryggaPort = await listen(bryggaServer, 0);
  const demoPort = await freePort();
  const frejaPhonePort = await freePort();
  const issuer = `http://localhost:${bryggaPort}`;
  const demoUrl = `http://localhost:${demoPort}`;
  const sithsDirectory = await mkdtemp(path.join(tmpdir(), 'brygga-siths-'));

  const defaults = loadConfig({});
  const demoClient = defaults.clients.find((candidate) => candidate.client_id === 'demo-rp');
  if (!demoClient) throw new Error('config/default.yaml lost the demo-rp client');
  const config = loadConfig(
    {},
    {
      issuer,
      http: { host: '127.0.0.1', port: bryggaPort },
      log: { level: process.env.TEST_LOG_LEVEL ?? 'silent' },
      demo: { relyingParty: true, port: demoPort },
      clients: [
        {
          ...demoClient,
          redirect_uris: [`${demoUrl}/callback`],
          post_logout_redirect_uris: [`${demoUrl}/`],
        },
      ],
      bankid: { simulator: { enabled: true, port: 0, phonePort: 0 } },
      freja: { simulator: { enabled: true, port: 0, phonePort: frejaPhonePort } },
      saml: { simulator: { enabled: true, port: 0 } },
      sithsCard: {
        listener: { enabled: true, port: 0 },
        simulator: { enabled: true, port: 0, directory: sithsDirectory },
      },
    },
  );
  const logger = createRootLogger({ level: config.log.level });
  const store = await openTestStore();

  const assembled = await assembleLoginMethods(config, logger);
  const brygga = await createBrygga({ config, store, logger, methods: assembled.methods });
  const bryggaRequests: ReceivedRequest[] = [];
  bryggaServer.on('request', (request) => {
    const { method = '', url = '', headers } = request;
    bryggaRequests.push({ method, path: url, headers });
  });
  bryggaServer.on('request', brygga.app.callback());
  await assembled.attach(brygga.app.callback());
  const demo = await startDemoRelyingParty({ issuer, port: demoPort, logger });

  const bankIdPhone = assembled.simulators['BankID phone'];
  const samlIdp = assembled.simulators['SAML IdP'];
  if (!bankIdPhone || !samlIdp) throw new Error('a simulator did not start');

  return {
    issuer,
    demoUrl: demo.url,
    bankIdPhoneUrl: new URL(bankIdPhone).origin,
    frejaPhoneUrl: `http://127.0.0.1:${frejaPhonePort}`,
    samlIdpUrl: samlIdp,
    bryggaRequests,
    config,
    store,
    brygga,
    async stop() {
      await close(demo.server);
      await close(bryggaServer);
      // assembled.close() closes the methods too (brygga.close() would close them twice).
      await assembled.close();
      await store.close();
      await rm(sithsDirectory, { recursive: true, force: true });
    },
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** A port free a moment ago, for servers that take a port number rather than a server. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0);
  await close(probe);
  return port;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
