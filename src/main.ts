import { createServer } from 'node:http';
import { loadConfig } from './config/load.ts';
import type { BryggaConfig } from './config/schema.ts';
import { guardDevelopmentDefaults } from './config/production-guard.ts';
import { startAdminServer } from './admin/admin-server.ts';
import { createBrygga } from './brygga.ts';
import { isBryggaError } from './errors/brygga-error.ts';
import { createRootLogger } from './log/logger.ts';
import { assembleLoginMethods } from './startup/login-methods.ts';
import { openStore } from './store/open-store.ts';

/** `npm start`: Brygga, its login methods and (in development) simulators and demo RP. */
async function main(): Promise<void> {
  const config = withDemoRedirect(loadConfig());
  const logger = createRootLogger({ level: config.log.level });
  guardDevelopmentDefaults(config, logger);

  const store = await openStore(config);
  if (store.kind === 'embedded') {
    logger.warn('no mongodb.uri: using the embedded in-process store; data is lost on exit');
  }
  const assembled = await assembleLoginMethods(config, logger);
  const brygga = await createBrygga({ config, store, logger, methods: assembled.methods });
  assembled.connect(brygga);

  const server = createServer(brygga.app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, resolve);
  });
  await assembled.attach(brygga.app.callback());
  logger.info(
    { issuer: config.issuer, listen: `${config.http.host}:${config.http.port}` },
    'Brygga is running',
  );

  const admin = config.admin.enabled
    ? await startAdminServer({ ...brygga, logger, config })
    : undefined;

  // Loaded only when wanted: the demo needs openid-client, a development dependency.
  const demo = config.demo.relyingParty
    ? await import('./demo/relying-party.ts').then(({ startDemoRelyingParty }) =>
        startDemoRelyingParty({ issuer: config.issuer, port: config.demo.port, logger }),
      )
    : undefined;
  if (config.env !== 'production') {
    const extras: Record<string, string> = admin
      ? { 'Admin API': `${admin.url}/openapi.json` }
      : {};
    printBanner(config.issuer, demo?.url, { ...extras, ...assembled.simulators });
  }

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    demo?.server.close();
    await admin?.close();
    // The assembler made the login methods and simulators; it closes them, once.
    await assembled.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The seeded demo client returns to wherever the demo runs (demo.port may be moved). */
function withDemoRedirect(config: BryggaConfig): BryggaConfig {
  if (!config.demo.relyingParty) return config;
  const callback = `http://localhost:${config.demo.port}/callback`;
  const home = `http://localhost:${config.demo.port}/`;
  const clients = config.clients.map((client) =>
    client.client_id === 'demo-rp'
      ? {
          ...client,
          // One host, so the pairwise sector stays that host (OIDC Core 8.1).
          redirect_uris: [callback],
          post_logout_redirect_uris: [home],
        }
      : client,
  );
  return { ...config, clients };
}

function printBanner(
  issuer: string,
  demoUrl: string | undefined,
  simulators: Record<string, string>,
): void {
  const lines = [
    '',
    'Brygga (development)',
    `  OpenID Provider:   ${issuer}/.well-known/openid-configuration`,
    ...(demoUrl ? [`  Demo service:      ${demoUrl}  <- open this and log in`] : []),
    ...Object.entries(simulators).map(([name, url]) => `  ${`${name}:`.padEnd(18)} ${url}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const { code, address, port } = error as { code?: string; address?: string; port?: number };
  const message = isBryggaError(error)
    ? error.message
    : code === 'EADDRINUSE'
      ? `${address}:${port} is already in use. Move Brygga's ports with environment variables ` +
        '(PORT, ISSUER, BRYGGA_DEMO__PORT, BRYGGA_*__SIMULATOR__*PORT…): see docs/configuration.md.'
      : String((error as Error)?.stack ?? error);
  process.stderr.write(`Brygga did not start: ${message}\n`);
  process.exit(1);
});
