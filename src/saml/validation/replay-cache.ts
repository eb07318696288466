import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import { isDuplicateKeyError } from '../../store/document-store.ts';
import type { ReplayCache } from './types.ts';

interface ReplayRow extends Record<string, unknown> {
  key: string;
  expiresAt: Date;
}

/**
 * Replay cache on the DocumentStore (collection `saml_replay`), shared by every process
 * of the bridge. A unique index on `key` makes the insert the race-free "first use"
 * test; rows are filtered on `expiresAt` because FerretDB never deletes by TTL.
 */
export class StoreReplayCache implements ReplayCache {
  private readonly rows: DocumentCollection<ReplayRow>;
  private ready: Promise<void> | undefined;

  constructor(store: DocumentStore) {
    this.rows = store.collection<ReplayRow>('saml_replay');
  }

  async remember(key: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.indexes();
    try {
      await this.rows.insertOne({ key, expiresAt });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    // The key is known: it is free again only if its earlier use has expired.
    const reclaimed = await this.rows.findOneAndUpdate(
      { key, expiresAt: { $lte: now } },
      { $set: { expiresAt } },
    );
    return reclaimed !== null;
  }

  private indexes(): Promise<void> {
    this.ready ??= Promise.all([
      this.rows.createIndex({ key: 1 }, { unique: true, name: 'saml_replay_key' }),
      this.rows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'saml_replay_ttl' }),
    ]).then(() => undefined);
    return this.ready;
  }
}

/** In-process cache for the CLI and single-message checks: nothing outlives the process. */
export class MemoryReplayCache implements ReplayCache {
  private readonly seen = new Map<string, number>();

  async remember(key: string, expiresAt: Date, now: Date): Promise<boolean> {
    const until = this.seen.get(key);
    if (until !== undefined && until > now.getTime()) return false;
    this.seen.set(key, expiresAt.getTime());
    return true;
  }
}
