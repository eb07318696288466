import { BryggaError } from '../../errors/brygga-error.ts';
import type { DocumentCollection, Filter, StoredDocument } from '../../store/document-store.ts';
import { isDuplicateKeyError } from '../../store/document-store.ts';

/**
 * Optimistic concurrency: the write only lands when the stored `version` is still the one
 * the caller read. A miss is `conflict` when the record exists, `not_found` otherwise.
 * No transactions (FerretDB), so every write is one conditional document update.
 */
export async function replaceIfVersion<T extends StoredDocument>(
  collection: DocumentCollection<T>,
  key: Filter,
  expectedVersion: number,
  changes: Record<string, unknown>,
  now: Date,
  /** Extra conditions, e.g. the workflow states the change is allowed from. */
  guard: Filter = {},
): Promise<T> {
  const { $set, $unset } = setAndUnset({ ...changes, updatedAt: now });
  const updated = await uniqueOrConflict(() =>
    collection.findOneAndUpdate(
      { ...key, ...guard, version: expectedVersion },
      { $set, $inc: { version: 1 }, ...(Object.keys($unset).length > 0 && { $unset }) },
      { returnDocument: 'after' },
    ),
  );
  if (updated) return updated;

  const current = await collection.findOne(key);
  if (!current) throw new BryggaError('not_found', `${collection.name}: no such record`);
  throw new BryggaError(
    'conflict',
    `${collection.name}: the record changed since version ${expectedVersion}`,
  );
}

export async function getOrThrow<T extends StoredDocument>(
  collection: DocumentCollection<T>,
  key: Filter,
): Promise<T> {
  const found = await collection.findOne(key);
  if (!found) throw new BryggaError('not_found', `${collection.name}: no such record`);
  return found;
}

/** A unique index refusing a write becomes a 409 the caller can act on. */
export async function uniqueOrConflict<R>(write: () => Promise<R>, field?: string): Promise<R> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const message = field ? `${field}: already registered` : 'a unique value is already taken';
    throw new BryggaError('duplicate_key', message, { cause: error, expose: true });
  }
}

/** Undefined means "remove" ($unset); the driver would otherwise store null. */
function setAndUnset(changes: Record<string, unknown>): {
  $set: Record<string, unknown>;
  $unset: Record<string, ''>;
} {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) $unset[field] = '';
    else $set[field] = value;
  }
  return { $set, $unset };
}

/** Drops undefined fields before an insert, for the same reason. */
export function withoutUndefined<T extends object>(document: T): T {
  return Object.fromEntries(
    Object.entries(document).filter(([, value]) => value !== undefined),
  ) as T;
}
