import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import { parseInput } from '../model/fields.ts';
import type { StaffMember, StaffMemberInput } from '../model/staff-member.ts';
import { identityNumberOf, staffMemberInputSchema } from '../model/staff-member.ts';
import { recordChange } from './change-audit.ts';
import type { CareProviderRepository } from './care-providers.ts';
import { HsaIdReservations } from './hsa-id-reservations.ts';
import { getOrThrow, replaceIfVersion, uniqueOrConflict, withoutUndefined } from './versioned.ts';

type Stored = StaffMember & Record<string, unknown>;

/**
 * Staff members and what they are at each care provider. Unique by personId, identity
 * number and employee HSA-ID. A seat is one active staff member of a care provider.
 */
export class StaffRepository {
  private readonly collection: DocumentCollection<Stored>;
  private readonly hsaIds: HsaIdReservations;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditLog,
    private readonly careProviders: CareProviderRepository,
  ) {
    this.collection = store.collection('staff');
    this.hsaIds = new HsaIdReservations(store, async (personId, employeeHsaId) =>
      Boolean(
        await this.collection.findOne({ personId, 'engagements.employeeHsaId': employeeHsaId }),
      ),
    );
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ personId: 1 }, { unique: true });
    await this.collection.createIndex(
      { personalIdentityNumber: 1 },
      { unique: true, sparse: true },
    );
    await this.collection.createIndex({ coordinationNumber: 1 }, { unique: true, sparse: true });
    await this.collection.createIndex({ 'engagements.employeeHsaId': 1 });
    await this.collection.createIndex({ 'engagements.careProviderId': 1 });
    await this.hsaIds.ensureIndexes();
  }

  async create(input: StaffMemberInput, actor: string, now = new Date()): Promise<StaffMember> {
    const fields = parseInput(staffMemberInputSchema, input);
    const personId = randomUUID();
    await this.assertAcceptable(fields, personId);

    const staff = withoutUndefined({
      ...fields,
      personId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const claimed = await this.hsaIds.reserve(personId, hsaIdsOf(fields), now);
    try {
      await uniqueOrConflict(() => this.collection.insertOne(staff as Stored), 'identityNumber');
    } catch (error) {
      await this.hsaIds.release(personId, claimed);
      throw error;
    }
    await this.changed(staff, 'created', actor);
    return staff;
  }

  /** Replaces the person's data; `expectedVersion` is the version the caller read. */
  async update(
    personId: string,
    expectedVersion: number,
    input: StaffMemberInput,
    actor: string,
    now = new Date(),
  ): Promise<StaffMember> {
    const fields = parseInput(staffMemberInputSchema, input);
    const current = await this.get(personId);
    await this.assertAcceptable(fields, personId);

    const claimed = await this.hsaIds.reserve(personId, hsaIdsOf(fields), now);
    let staff: StaffMember;
    try {
      const changes = {
        ...fields,
        personalIdentityNumber: fields.personalIdentityNumber,
        coordinationNumber: fields.coordinationNumber,
      };
      staff = await uniqueOrConflict(
        () => replaceIfVersion(this.collection, { personId }, expectedVersion, changes, now),
        'identityNumber',
      );
    } catch (error) {
      await this.hsaIds.release(personId, claimed);
      throw error;
    }
    const kept = new Set(hsaIdsOf(fields));
    await this.hsaIds.release(
      personId,
      hsaIdsOf(current).filter((id) => !kept.has(id)),
    );
    await this.changed(staff, 'updated', actor, current);
    return staff;
  }

  get(personId: string): Promise<StaffMember> {
    return getOrThrow(this.collection, { personId });
  }

  find(personId: string): Promise<StaffMember | null> {
    return this.collection.findOne({ personId });
  }

  /** By personnummer or samordningsnummer (12 digits). */
  findByIdentityNumber(identityNumber: string): Promise<StaffMember | null> {
    return this.collection.findOne({
      $or: [{ personalIdentityNumber: identityNumber }, { coordinationNumber: identityNumber }],
    });
  }

  findByEmployeeHsaId(employeeHsaId: string): Promise<StaffMember | null> {
    return this.collection.findOne({ 'engagements.employeeHsaId': employeeHsaId.toUpperCase() });
  }

  /** Everyone, by name; for the development test login's list and the admin API. */
  list(limit = 200): Promise<StaffMember[]> {
    return this.collection.find({}, { sort: { familyName: 1, givenName: 1 }, limit });
  }

  listForCareProvider(careProviderId: string): Promise<StaffMember[]> {
    return this.collection.find(
      { 'engagements.careProviderId': careProviderId },
      { sort: { familyName: 1, givenName: 1 } },
    );
  }

  /** Seats in use: staff members with an active engagement at the care provider. */
  async countActiveSeats(careProviderId: string): Promise<number> {
    // Counted here rather than with $elemMatch, which FerretDB 1.x does not implement.
    const staff = await this.collection.find({ 'engagements.careProviderId': careProviderId });
    return staff.filter((member) =>
      member.engagements.some((e) => e.careProviderId === careProviderId && e.active),
    ).length;
  }

  private async assertAcceptable(fields: StaffFields, personId: string): Promise<void> {
    const identityNumber = identityNumberOf(fields);
    if (identityNumber) {
      const same = await this.findByIdentityNumber(identityNumber);
      if (same && same.personId !== personId) {
        const field = fields.personalIdentityNumber
          ? 'personalIdentityNumber'
          : 'coordinationNumber';
        throw new BryggaError('duplicate_key', `${field}: already registered`, { expose: true });
      }
    }
    for (const [index, engagement] of fields.engagements.entries()) {
      if (!(await this.careProviders.find(engagement.careProviderId))) {
        throw new BryggaError(
          'bad_request',
          `engagements.${index}.careProviderId: no such care provider`,
        );
      }
    }
  }

  /**
   * One event per care provider the person was or is engaged with, so each care
   * provider's audit view (its incident work) shows changes to its own staff.
   */
  private async changed(
    staff: StaffMember,
    change: string,
    actor: string,
    previous?: StaffMember,
  ): Promise<void> {
    const careProviderIds = new Set(
      [...staff.engagements, ...(previous?.engagements ?? [])].map((e) => e.careProviderId),
    );
    const common = {
      entity: 'staffMember' as const,
      entityId: staff.personId,
      personId: staff.personId,
      identityNumber: identityNumberOf(staff),
      change,
      version: staff.version,
      actor,
    };
    if (careProviderIds.size === 0) return recordChange(this.audit, common);
    for (const careProviderId of careProviderIds) {
      await recordChange(this.audit, { ...common, careProviderId });
    }
  }
}

type StaffFields = Pick<
  StaffMember,
  'personalIdentityNumber' | 'coordinationNumber' | 'engagements'
>;

function hsaIdsOf(staff: Pick<StaffMember, 'engagements'>): string[] {
  return staff.engagements.flatMap((engagement) =>
    engagement.employeeHsaId ? [engagement.employeeHsaId] : [],
  );
}
