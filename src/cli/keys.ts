import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { openBootstrapContext } from '../admin/bootstrap-context.ts';
import { loadConfig } from '../config/load.ts';
import { isBryggaError } from '../errors/brygga-error.ts';
import { createRootLogger } from '../log/logger.ts';
import { SigningKeyStore } from '../oidc/signing-keys.ts';
import type { KeySummary } from '../oidc/signing-keys.ts';

const usage = `usage: npm run keys -- <command>
  rotate                            new active keys (ES256, RS256); the current ones retire
  list                              every key with its status
  prune --retired-before <ISO time> remove retired keys retired before that time
Retired keys stay published in the JWKS so tokens signed before a rotation still verify.
Running Brygga processes sign with the new keys after a restart.
Needs MONGODB_URI. Exit status: 0 done, 1 refused, 2 usage error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'retired-before': { type: 'string' } },
  });
  const [command] = positionals;
  if (positionals.length !== 1 || !['rotate', 'list', 'prune'].includes(command ?? '')) {
    throw new UsageError('expected one command: rotate, list or prune');
  }
  const retiredBefore = command === 'prune' ? parseRetiredBefore(values['retired-before']) : null;

  const config = loadConfig();
  if (!config.mongodb.uri) {
    console.error(
      'keys: signing keys live in MongoDB: set MONGODB_URI. In the embedded store they would ' +
        'vanish when this command exits, and no running Brygga could read them.',
    );
    return 1;
  }
  const logger = createRootLogger({ level: 'warn', destination: pino.destination(2) });
  const context = await openBootstrapContext(config, logger);
  const keys = new SigningKeyStore(context.store, config.secrets.keyEncryptionKey);
  try {
    await keys.ensureIndexes();
    if (command === 'list') {
      printKeys(await keys.list());
      return 0;
    }
    if (command === 'rotate') {
      // Fails with a clear message when keyEncryptionKey is not the one the keys were
      // sealed with: new keys beside unreadable old ones would stop every start-up.
      await keys.loadJwks();
      const listed = await keys.rotate();
      const active = listed.filter((key) => key.status === 'active').map((key) => key.kid);
      await context.audit.record({ event: 'keys.rotated', actor: 'cli', details: { active } });
      printKeys(listed);
      console.log('Restart every Brygga process to sign with the new keys.');
      return 0;
    }

    // Tokens signed with a key must outlive it in the JWKS (ID tokens live oidc.ttl.idToken).
    const newestAllowed = Date.now() - config.oidc.ttl.idToken * 1000;
    if (retiredBefore!.getTime() > newestAllowed) {
      console.error(
        `keys: refusing to prune keys retired less than ${config.oidc.ttl.idToken} s ago: ` +
          'ID tokens they signed may still be in use',
      );
      return 1;
    }
    const removed = await keys.pruneRetired(retiredBefore!);
    console.log(`Removed ${removed} retired key(s).`);
    printKeys(await keys.list());
    return 0;
  } finally {
    await context.store.close();
  }
}

function parseRetiredBefore(value: string | undefined): Date {
  if (!value) throw new UsageError('prune needs --retired-before <ISO time>');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`not an ISO time: ${value}`);
  return date;
}

function printKeys(keys: KeySummary[]): void {
  if (keys.length === 0) console.log('No signing keys.');
  for (const key of keys) {
    const retired = key.retiredAt ? ` retired ${key.retiredAt.toISOString()}` : '';
    console.log(
      `${key.kid}  ${key.alg}  ${key.status}  created ${key.createdAt.toISOString()}${retired}`,
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const isUsage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    console.error(`keys: ${isBryggaError(error) || isUsage ? (error as Error).message : error}`);
    if (isUsage) console.error(usage);
    process.exit(isUsage ? 2 : 1);
  },
);
