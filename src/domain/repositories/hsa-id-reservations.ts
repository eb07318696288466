import { BryggaError } from '../../errors/brygga-error.ts';
import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import { uniqueOrConflict } from './versioned.ts';

interface Reservation extends Record<string, unknown> {
  employeeHsaId: string;
  personId: string;
  reservedAt: Date;
}

/** A reservation this old whose person does not hold the HSA-ID was left by a crash. */
const staleAfterMs = 5 * 60_000;

/**
 * Makes an employee HSA-ID unique across staff members. The HSA-IDs live in an array
 * inside each staff document, which neither the embedded store nor FerretDB can index
 * uniquely, so each one is claimed here (scalar unique index) before the staff write and
 * released if that write fails. Without transactions a crash can leave a claim behind; it
 * is taken over once stale.
 */
export class HsaIdReservations {
  private readonly collection: DocumentCollection<Reservation>;

  constructor(
    store: DocumentStore,
    private readonly heldBy: (personId: string, employeeHsaId: string) => Promise<boolean>,
  ) {
    this.collection = store.collection('staffHsaIds');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ employeeHsaId: 1 }, { unique: true });
    await this.collection.createIndex({ personId: 1 });
  }

  /** Claims every HSA-ID for the person; returns the ones newly claimed. All or none. */
  async reserve(personId: string, hsaIds: string[], now = new Date()): Promise<string[]> {
    const claimed: string[] = [];
    try {
      for (const employeeHsaId of hsaIds) {
        if (await this.claim(personId, employeeHsaId, now)) claimed.push(employeeHsaId);
      }
    } catch (error) {
      await this.release(personId, claimed);
      throw error;
    }
    return claimed;
  }

  async release(personId: string, hsaIds: string[]): Promise<void> {
    for (const employeeHsaId of hsaIds)
      await this.collection.deleteOne({ employeeHsaId, personId });
  }

  private async claim(personId: string, employeeHsaId: string, now: Date): Promise<boolean> {
    const existing = await this.collection.findOne({ employeeHsaId });
    if (existing?.personId === personId) return false;
    if (!existing) {
      const reservation = { employeeHsaId, personId, reservedAt: now };
      await uniqueOrConflict(() => this.collection.insertOne(reservation), 'employeeHsaId');
      return true;
    }

    const stale = now.getTime() - existing.reservedAt.getTime() > staleAfterMs;
    if (!stale || (await this.heldBy(existing.personId, employeeHsaId))) {
      throw new BryggaError('duplicate_key', 'employeeHsaId: already registered', { expose: true });
    }
    const taken = await this.collection.findOneAndUpdate(
      { employeeHsaId, personId: existing.personId },
      { $set: { personId, reservedAt: now } },
    );
    if (!taken) throw new BryggaError('conflict', 'employeeHsaId: claimed at the same time');
    return true;
  }
}
