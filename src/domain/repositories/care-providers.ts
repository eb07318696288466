import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import type { CareProvider, CareProviderInput } from '../model/care-provider.ts';
import { careProviderInputSchema } from '../model/care-provider.ts';
import { parseInput } from '../model/fields.ts';
import { recordChange } from './change-audit.ts';
import { getOrThrow, replaceIfVersion, uniqueOrConflict, withoutUndefined } from './versioned.ts';

type Stored = CareProvider & Record<string, unknown>;

/** Care providers (aktörer), unique by organisation number and by HSA-ID. */
export class CareProviderRepository {
  private readonly collection: DocumentCollection<Stored>;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditLog,
  ) {
    this.collection = store.collection('careProviders');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ id: 1 }, { unique: true });
    await this.collection.createIndex({ orgNumber: 1 }, { unique: true });
    await this.collection.createIndex({ hsaId: 1 }, { unique: true, sparse: true });
  }

  async create(input: CareProviderInput, actor: string, now = new Date()): Promise<CareProvider> {
    const fields = parseInput(careProviderInputSchema, input);
    await this.assertUnique(fields);

    const careProvider = withoutUndefined({
      ...fields,
      id: randomUUID(),
      version: 1,
      createdAt: now,
      updatedAt: now,
    }) as Stored;
    await uniqueOrConflict(() => this.collection.insertOne(careProvider), 'orgNumber');
    await this.changed(careProvider, 'created', actor);
    return careProvider;
  }

  /** Replaces the editable fields; `expectedVersion` is the version the caller read. */
  async update(
    id: string,
    expectedVersion: number,
    input: CareProviderInput,
    actor: string,
    now = new Date(),
  ): Promise<CareProvider> {
    const fields = parseInput(careProviderInputSchema, input);
    await this.get(id);
    await this.assertUnique(fields, id);

    const changes = { ...fields, hsaId: fields.hsaId, gln: fields.gln };
    const careProvider = await replaceIfVersion(
      this.collection,
      { id },
      expectedVersion,
      changes,
      now,
    );
    await this.changed(careProvider, 'updated', actor);
    return careProvider;
  }

  get(id: string): Promise<CareProvider> {
    return getOrThrow(this.collection, { id });
  }

  find(id: string): Promise<CareProvider | null> {
    return this.collection.findOne({ id });
  }

  findByOrgNumber(orgNumber: string): Promise<CareProvider | null> {
    return this.collection.findOne({ orgNumber });
  }

  findByHsaId(hsaId: string): Promise<CareProvider | null> {
    return this.collection.findOne({ hsaId: hsaId.toUpperCase() });
  }

  list(filter: { kind?: string; status?: string } = {}): Promise<CareProvider[]> {
    return this.collection.find(withoutUndefined(filter), { sort: { name: 1 } });
  }

  /** Checked before writing so the error names the field; the unique index backs it up. */
  private async assertUnique(fields: { orgNumber: string; hsaId?: string }, self?: string) {
    const sameOrg = await this.collection.findOne({ orgNumber: fields.orgNumber });
    if (sameOrg && sameOrg.id !== self) {
      throw new BryggaError('duplicate_key', 'orgNumber: already registered', { expose: true });
    }
    if (!fields.hsaId) return;
    const sameHsa = await this.collection.findOne({ hsaId: fields.hsaId });
    if (sameHsa && sameHsa.id !== self) {
      throw new BryggaError('duplicate_key', 'hsaId: already registered', { expose: true });
    }
  }

  private changed(careProvider: CareProvider, change: string, actor: string): Promise<void> {
    return recordChange(this.audit, {
      entity: 'careProvider',
      entityId: careProvider.id,
      careProviderId: careProvider.id,
      change,
      version: careProvider.version,
      actor,
    });
  }
}
