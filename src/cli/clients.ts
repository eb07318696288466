import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { openBootstrapContext, providerForChecks } from '../admin/bootstrap-context.ts';
import { loadConfig } from '../config/load.ts';
import { isBryggaError } from '../errors/brygga-error.ts';
import { createRootLogger } from '../log/logger.ts';
import { ClientsUsageError, clientsUsage, runClientsCommand } from './clients-command.ts';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { file: { type: 'string' } },
  });
  const [command, clientId, ...rest] = positionals;
  if (!command || rest.length > 0) throw new ClientsUsageError('expected one command');

  const config = loadConfig();
  if (!config.mongodb.uri) {
    console.error(
      'clients: clients live in MongoDB: set MONGODB_URI. In the embedded store they would ' +
        'vanish when this command exits, and no running Brygga could read them.',
    );
    return 1;
  }
  const logger = createRootLogger({ level: 'warn', destination: pino.destination(2) });
  const context = await openBootstrapContext(config, logger);
  try {
    const provider = await providerForChecks(config, context, logger);
    await runClientsCommand(
      { command, ...(values.file && { file: values.file }), ...(clientId && { clientId }) },
      { ...context, provider, print: (line) => console.log(line) },
    );
    return 0;
  } finally {
    await context.store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const isUsage =
      error instanceof ClientsUsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    console.error(`clients: ${isBryggaError(error) || isUsage ? (error as Error).message : error}`);
    if (isUsage) console.error(clientsUsage);
    process.exit(isUsage ? 2 : 1);
  },
);
