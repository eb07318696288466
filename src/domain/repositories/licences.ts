import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import { parseInput } from '../model/fields.ts';
import type { Licence, LicenceInput } from '../model/licence.ts';
import { licenceInForce, licenceInputSchema } from '../model/licence.ts';
import { recordChange } from './change-audit.ts';
import type { CareProviderRepository } from './care-providers.ts';
import { getOrThrow, replaceIfVersion } from './versioned.ts';

type Stored = Licence & Record<string, unknown>;

/** Licences a care provider holds with the operator: dates, seats, login methods. */
export class LicenceRepository {
  private readonly collection: DocumentCollection<Stored>;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditLog,
    private readonly careProviders: CareProviderRepository,
  ) {
    this.collection = store.collection('licences');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ id: 1 }, { unique: true });
    await this.collection.createIndex({ careProviderId: 1, validTo: -1 });
  }

  async create(input: LicenceInput, actor: string, now = new Date()): Promise<Licence> {
    const fields = parseInput(licenceInputSchema, input);
    await this.careProviders.get(fields.careProviderId);

    const licence: Stored = {
      ...fields,
      id: randomUUID(),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.collection.insertOne(licence);
    await this.changed(licence, 'created', actor);
    return licence;
  }

  async update(
    id: string,
    expectedVersion: number,
    input: LicenceInput,
    actor: string,
    now = new Date(),
  ): Promise<Licence> {
    const fields = parseInput(licenceInputSchema, input);
    const current = await this.get(id);
    // A licence stays with its care provider; a new provider means a new licence.
    const licence = await replaceIfVersion(
      this.collection,
      { id },
      expectedVersion,
      { ...fields, careProviderId: current.careProviderId },
      now,
    );
    await this.changed(licence, 'updated', actor);
    return licence;
  }

  get(id: string): Promise<Licence> {
    return getOrThrow(this.collection, { id });
  }

  listForCareProvider(careProviderId: string): Promise<Licence[]> {
    return this.collection.find({ careProviderId }, { sort: { validTo: -1 } });
  }

  /** Licences in force at `now`, the one ending last first. */
  async inForce(careProviderId: string, now: Date): Promise<Licence[]> {
    const candidates = await this.collection.find(
      { careProviderId, status: 'active', validFrom: { $lte: now }, validTo: { $gt: now } },
      { sort: { validTo: -1 } },
    );
    return candidates.filter((licence) => licenceInForce(licence, now));
  }

  private changed(licence: Licence, change: string, actor: string): Promise<void> {
    return recordChange(this.audit, {
      entity: 'licence',
      entityId: licence.id,
      careProviderId: licence.careProviderId,
      change,
      version: licence.version,
      actor,
    });
  }
}
