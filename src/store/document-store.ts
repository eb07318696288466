/**
 * The storage seam. Repositories are written once against this subset of the MongoDB
 * collection API; it is served by the official driver (mongo-store.ts) or, for the
 * embedded development default, by an in-process engine (memory-store.ts).
 * Method names and semantics follow the driver's so the two cannot drift apart.
 */
export type StoredDocument = Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
  projection?: Record<string, 0 | 1>;
}

export interface UpdateOptions {
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  returnDocument?: 'before' | 'after';
}

export interface IndexOptions {
  name?: string;
  unique?: boolean;
  sparse?: boolean;
  /** TTL index. Deletion is lazy (and absent on some servers): always filter on read too. */
  expireAfterSeconds?: number;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
}

export interface DocumentCollection<T extends StoredDocument = StoredDocument> {
  readonly name: string;
  findOne(filter: Filter, options?: FindOptions): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  insertOne(document: T): Promise<void>;
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  findOneAndUpdate(
    filter: Filter,
    update: Update,
    options?: FindOneAndUpdateOptions,
  ): Promise<T | null>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  createIndex(keys: Record<string, 1 | -1>, options?: IndexOptions): Promise<void>;
}

export interface DocumentStore {
  /** `embedded` for the in-process development store, `mongodb` for a server. */
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T>;
  /** Resolves when the database answers; rejects with database_unavailable otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** MongoDB's duplicate key error code, also used by the embedded store. */
export const duplicateKeyCode = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { code?: unknown }).code === duplicateKeyCode ||
      (error as { code?: unknown }).code === 'duplicate_key')
  );
}
