import type { ClientSeed } from '../config/schema.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import { isDuplicateKeyError } from '../store/document-store.ts';
import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';
import { collectionName } from '../oidc/adapter.ts';

interface ClientEntry extends Record<string, unknown> {
  key: string;
  payload: Record<string, unknown>;
  disabled?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClientSummary {
  clientId: string;
  name?: string;
  authMethod: string;
  disabled: boolean;
  createdAt: Date;
}

/**
 * Relying parties, stored where oidc-provider's adapter reads them (model Client), so a
 * change is seen by every process at once. Metadata is validated by the caller against
 * oidc-provider's schema before it is stored (see validate-client.ts).
 */
export class ClientRepository {
  private readonly clients: DocumentCollection<ClientEntry>;

  constructor(store: DocumentStore) {
    this.clients = store.collection(collectionName('Client'));
  }

  /** Adds a client; fails with duplicate_key when the client_id exists. */
  async add(metadata: ClientSeed | Record<string, unknown>): Promise<void> {
    const clientId = String(metadata.client_id ?? '');
    if (!clientId) throw new BryggaError('bad_request', 'client_id is required');
    const now = new Date();
    try {
      await this.clients.insertOne({
        key: clientId,
        payload: { ...metadata },
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw new BryggaError('duplicate_key', `Client ${clientId} exists`);
      throw error;
    }
  }

  /** Seeds clients from configuration; existing clients are never overwritten. */
  async seed(seeds: ClientSeed[]): Promise<string[]> {
    const added: string[] = [];
    for (const seed of seeds) {
      if (await this.clients.findOne({ key: seed.client_id })) continue;
      await this.add(seed);
      added.push(seed.client_id);
    }
    return added;
  }

  async list(): Promise<ClientSummary[]> {
    const entries = await this.clients.find({}, { sort: { key: 1 } });
    return entries.map((entry) => ({
      clientId: entry.key,
      ...(typeof entry.payload.client_name === 'string' && { name: entry.payload.client_name }),
      authMethod: String(entry.payload.token_endpoint_auth_method ?? 'private_key_jwt'),
      disabled: entry.disabled === true,
      createdAt: entry.createdAt,
    }));
  }

  async setDisabled(clientId: string, disabled: boolean): Promise<void> {
    const result = await this.clients.updateOne(
      { key: clientId },
      { $set: { disabled, updatedAt: new Date() } },
    );
    if (result.matchedCount === 0) throw new BryggaError('not_found', `No client ${clientId}`);
  }
}
