import { readFile } from 'node:fs/promises';
import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import { ClientRepository } from '../clients/client-repository.ts';
import { validateClientMetadata } from '../clients/validate-client.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import type { DocumentStore } from '../store/document-store.ts';

export const clientsUsage = `usage: npm run clients -- <command>
  add --file <client.json>   register a relying party (OIDC Dynamic Client Registration 2
                             metadata, checked by oidc-provider's own schema)
  list                       every client with its auth method and state
  disable <client_id>        refuse the client's requests from now on (every process)
  enable <client_id>         accept them again
Needs MONGODB_URI. Exit status: 0 done, 1 refused, 2 usage error.`;

export class ClientsUsageError extends Error {}

export interface ClientsCommandContext {
  store: DocumentStore;
  audit: AuditLog;
  /** A provider configured like Brygga's: its schema decides whether metadata is valid. */
  provider: Provider;
  print(line: string): void;
}

export interface ClientsCommand {
  command: string;
  file?: string;
  clientId?: string;
}

/** The clients command's work, apart from argument parsing and opening the database. */
export async function runClientsCommand(
  { command, file, clientId }: ClientsCommand,
  context: ClientsCommandContext,
): Promise<void> {
  const clients = new ClientRepository(context.store);
  const actor = 'cli';

  if (command === 'list') {
    const listed = await clients.list();
    if (listed.length === 0) context.print('No clients.');
    for (const entry of listed) {
      const state = entry.disabled ? 'disabled' : 'enabled';
      context.print(`${entry.clientId}  ${entry.authMethod}  ${state}  ${entry.name ?? ''}`.trim());
    }
    return;
  }
  if (command === 'add') {
    if (!file) throw new ClientsUsageError('add needs --file <client.json>');
    const metadata = await readMetadata(file);
    await validateClientMetadata(context.provider, metadata);
    await clients.add(metadata);
    const added = String(metadata.client_id);
    await context.audit.record({ event: 'client.created', clientId: added, actor });
    context.print(`Added client ${added}.`);
    return;
  }
  if (command === 'disable' || command === 'enable') {
    if (!clientId) throw new ClientsUsageError(`${command} needs a client_id`);
    await clients.setDisabled(clientId, command === 'disable');
    await context.audit.record({
      event: command === 'disable' ? 'client.disabled' : 'client.updated',
      clientId,
      actor,
      ...(command === 'enable' && { details: { enabled: true } }),
    });
    context.print(`Client ${clientId} ${command}d.`);
    return;
  }
  throw new ClientsUsageError(`unknown command: ${command}`);
}

async function readMetadata(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new BryggaError('bad_request', `Cannot read ${file}`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new BryggaError('bad_request', `${file} is not JSON: ${(cause as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BryggaError('bad_request', `${file} must hold one JSON object of client metadata`);
  }
  return parsed as Record<string, unknown>;
}
