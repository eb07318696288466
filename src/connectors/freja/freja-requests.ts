import { isDuplicateKeyError } from '../../store/document-store.ts';
import type {
  DocumentCollection,
  DocumentStore,
  Filter,
  Update,
} from '../../store/document-store.ts';
import type { ErrorCode } from '../../errors/codes.ts';
import type { AuthenticatedIdentity } from '../../login/authenticated-identity.ts';

/** Where one interaction's Freja authentication stands. */
export type FrejaRequestState = 'starting' | 'pending' | 'approved' | 'failed' | 'completed';

/**
 * One Freja authentication per OIDC interaction, in the `freja_requests` collection, so any
 * process can answer any poll and a restart loses nothing. `claim` names the process that
 * may call initAuthentication; every change is conditional on the state it expects.
 */
export interface FrejaRequestRecord extends Record<string, unknown> {
  uid: string;
  state: FrejaRequestState;
  claim: string;
  claimedAt: Date;
  createdAt: Date;
  authRef?: string;
  /** The last status Freja reported (upstreams.md §2.5). */
  frejaStatus?: string;
  /** Freja gives the user two minutes (upstreams.md §2.2). */
  frejaExpiresAt?: Date;
  /** No process asks Freja again before this (Freja's minimum poll interval). */
  nextPollAt?: Date;
  failure?: { code: ErrorCode; reason: string };
  /** Between approval and completion only; holds the identity number, never logged. */
  identity?: AuthenticatedIdentity;
  /** Row lifetime: filtered on read, TTL index as a backstop (not on FerretDB). */
  expiresAt: Date;
}

export class FrejaRequests {
  private readonly rows: DocumentCollection<FrejaRequestRecord>;
  private indexes: Promise<void> | undefined;

  constructor(store: DocumentStore) {
    this.rows = store.collection<FrejaRequestRecord>('freja_requests');
  }

  ensureIndexes(): Promise<void> {
    this.indexes ??= (async () => {
      await this.rows.createIndex({ uid: 1 }, { unique: true });
      await this.rows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    })();
    return this.indexes;
  }

  async find(uid: string, now: Date): Promise<FrejaRequestRecord | null> {
    await this.ensureIndexes();
    return this.rows.findOne({ uid, expiresAt: { $gt: now } });
  }

  /** Inserts the row unless one exists; returns whichever row won. */
  async insertIfAbsent(record: FrejaRequestRecord): Promise<FrejaRequestRecord | null> {
    await this.ensureIndexes();
    // The uid comes from the filter; naming it in $setOnInsert too is refused by some servers.
    const { uid, ...fields } = record;
    try {
      return await this.rows.findOneAndUpdate(
        { uid },
        { $setOnInsert: fields },
        { upsert: true, returnDocument: 'after' },
      );
    } catch (error) {
      // Two concurrent upserts on a unique key: one of them loses with a duplicate key.
      if (!isDuplicateKeyError(error)) throw error;
      return this.rows.findOne({ uid });
    }
  }

  /** Applies the update only if the row still matches; returns the row before, or null. */
  async transition(
    uid: string,
    expected: Filter,
    update: Update,
  ): Promise<FrejaRequestRecord | null> {
    await this.ensureIndexes();
    return this.rows.findOneAndUpdate({ ...expected, uid }, update, { returnDocument: 'before' });
  }
}
