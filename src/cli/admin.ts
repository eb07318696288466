import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { adminClientMetadata } from '../admin/admin-client.ts';
import type { AdminClientRequest } from '../admin/admin-client.ts';
import { openBootstrapContext, providerForChecks } from '../admin/bootstrap-context.ts';
import type { BootstrapContext } from '../admin/bootstrap-context.ts';
import { parseStaffCsv } from '../admin/staff-csv.ts';
import { importStaff } from '../admin/staff-import.ts';
import type { StaffImportReport } from '../admin/staff-import.ts';
import { ClientRepository } from '../clients/client-repository.ts';
import { validateClientMetadata } from '../clients/validate-client.ts';
import { loadConfig } from '../config/load.ts';
import type { BryggaConfig } from '../config/schema.ts';
import { validateOrgNumber } from '../domain/validation/org-number.ts';
import { isBryggaError } from '../errors/brygga-error.ts';
import { createRootLogger } from '../log/logger.ts';
import type { Logger } from '../log/logger.ts';

const usage = `usage: npm run admin -- <command> [options]
  create-operator-client --client-id <id> --jwks-file <public keys.json> [--name <name>]
  create-care-provider-admin-client --client-id <id> --jwks-file <file> --care-provider <orgNumber>
  import-staff --care-provider <orgNumber> --file <staff.csv> [--dry-run]
Clients get client_credentials, private_key_jwt and scope admin. The CSV has a header row
with columns such as personalIdentityNumber, givenName, familyName, employeeHsaId,
commissionHsaId, commissionName, commissionPurpose (see docs/admin-api.md).
Needs MONGODB_URI. Exit status: 0 done, 1 refused or rows rejected, 2 usage error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'client-id': { type: 'string' },
      'jwks-file': { type: 'string' },
      name: { type: 'string' },
      'care-provider': { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [command] = positionals;
  if (positionals.length !== 1) throw new UsageError('expected one command');
  const required = (option: keyof typeof values): string => {
    const value = values[option];
    if (typeof value !== 'string' || !value) throw new UsageError(`--${option} is required`);
    return value;
  };

  const config = loadConfig();
  const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const actor = `cli:${userInfo().username}`;
  const run = async (work: (context: BootstrapContext) => Promise<number>) => {
    const context = await openBootstrapContext(config, logger);
    try {
      return await work(context);
    } finally {
      await context.store.close();
    }
  };

  switch (command) {
    case 'create-operator-client':
    case 'create-care-provider-admin-client': {
      const clientId = required('client-id');
      const jwks = readJwks(required('jwks-file'));
      const orgNumber = command === 'create-operator-client' ? null : required('care-provider');
      return run(async (context) => {
        const role: AdminClientRequest['role'] = orgNumber
          ? { careProviderId: await careProviderId(context, orgNumber) }
          : { operator: true };
        const request = { clientId, jwks, role, clientName: values.name };
        await createClient(config, context, logger, request, actor);
        return 0;
      });
    }
    case 'import-staff': {
      const orgNumber = required('care-provider');
      const rows = parseStaffCsv(readFileSync(required('file'), 'utf8'));
      const dryRun = values['dry-run'] === true;
      return run(async (context) => {
        const report = await importStaff(context.domain, {
          careProviderId: await careProviderId(context, orgNumber),
          rows,
          dryRun,
          actor,
        });
        printReport(report);
        return report.rejected.length > 0 ? 1 : 0;
      });
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

async function createClient(
  config: BryggaConfig,
  context: BootstrapContext,
  logger: Logger,
  request: AdminClientRequest,
  actor: string,
): Promise<void> {
  const metadata = await adminClientMetadata(request);
  await validateClientMetadata(await providerForChecks(config, context, logger), metadata);
  await new ClientRepository(context.store).add(metadata);
  await context.audit.record({
    event: 'client.created',
    actor,
    clientId: request.clientId,
    ...('careProviderId' in request.role && { careProviderId: request.role.careProviderId }),
    details: { roles: metadata['urn:brygga:roles'], grant: 'client_credentials' },
  });
  process.stdout.write(
    `created client ${request.clientId} (client_credentials, private_key_jwt, scope admin, ` +
      `roles ${JSON.stringify(metadata['urn:brygga:roles'])})\n`,
  );
}

async function careProviderId(context: BootstrapContext, orgNumber: string): Promise<string> {
  const checked = validateOrgNumber(orgNumber, { allowSoleTrader: true });
  if (!checked.ok) throw new UsageError(`--care-provider: ${checked.reason}`);
  const careProvider = await context.domain.careProviders.findByOrgNumber(checked.value);
  if (!careProvider) throw new UsageError(`--care-provider: no care provider ${checked.value}`);
  return careProvider.id;
}

/** A JSON Web Key Set, or one bare public key. */
function readJwks(file: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new UsageError(`--jwks-file: not readable JSON (${(cause as Error).message})`);
  }
  const isSet = typeof parsed === 'object' && parsed !== null && 'keys' in parsed;
  return isSet ? parsed : { keys: [parsed] };
}

function printReport(report: StaffImportReport): void {
  const out: string[] = [];
  for (const person of report.accepted) {
    const id = person.personId ? `  ${person.personId}` : '';
    out.push(`accepted  line ${person.lines.join(',')}  ${person.action}${id}`);
  }
  for (const row of report.rejected) {
    out.push(`rejected  line ${row.line}  ${row.field}: ${row.reason}`);
  }
  const written = report.dryRun ? 'dry run: nothing written' : 'written';
  const { accepted, rejected } = report;
  out.push(`${accepted.length} people accepted, ${rejected.length} rows rejected (${written})`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n${usage}\n`);
      process.exit(2);
    }
    const message = isBryggaError(error) ? error.message : String(error);
    process.stderr.write(`refused: ${message}\n`);
    process.exit(1);
  },
);
