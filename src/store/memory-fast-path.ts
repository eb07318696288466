import { isDeepStrictEqual } from 'node:util';
import type { Filter, StoredDocument, Update } from './document-store.ts';

/**
 * Shortcuts for the embedded store's commonest operations. Building a mingo query or
 * update costs tens to hundreds of microseconds per call, which dominated every token
 * request; these cover the shapes the repositories send most (`{ key }`, `$set` and
 * `$unset` of whole fields) and leave everything else to mingo.
 */

type Scalar = string | number | boolean;
export type EqualityPairs = [field: string, value: Scalar][];

/** `{ field: scalar, ... }` on top-level fields, or undefined for anything else. */
export function plainEquality(filter: Filter): EqualityPairs | undefined {
  const pairs: EqualityPairs = [];
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || field.includes('.')) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return undefined;
    }
    pairs.push([field, value]);
  }
  return pairs;
}

/** MongoDB equality with a scalar: the field holds it, or is an array that contains it. */
export function matchesEquality(document: StoredDocument, pairs: EqualityPairs): boolean {
  return pairs.every(([field, value]) => {
    const stored = document[field];
    return stored === value || (Array.isArray(stored) && stored.includes(value));
  });
}

/**
 * Applies an update made only of `$set` and `$unset` on top-level fields; returns whether
 * the document changed, or undefined for any other shape (mingo applies those).
 */
export function applyTopLevelUpdate(document: StoredDocument, update: Update): boolean | undefined {
  const { $set = {}, $unset = {}, ...others } = update;
  if (Object.keys(others).length > 0 || !isFieldMap($set) || !isFieldMap($unset)) {
    return undefined;
  }

  let changed = false;
  for (const [field, value] of Object.entries($set)) {
    if (isDeepStrictEqual(document[field], value)) continue;
    document[field] = structuredClone(value);
    changed = true;
  }
  for (const field of Object.keys($unset)) {
    if (!(field in document)) continue;
    delete document[field];
    changed = true;
  }
  return changed;
}

function isFieldMap(fields: unknown): fields is Record<string, unknown> {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return false;
  return Object.keys(fields).every((field) => !field.startsWith('$') && !field.includes('.'));
}

/**
 * A unique index on one top-level field as a map from value to document. Only string and
 * number values are keyed; once a document holds anything else in the field (an array, a
 * Date, a boolean) the index stops answering and callers scan, as before.
 */
export class UniqueFieldIndex<T extends StoredDocument> {
  private readonly byValue = new Map<string | number, T>();
  private usable = true;

  constructor(readonly field: string) {}

  /** The holder of `value`, null when none, undefined when the index cannot tell. */
  lookup(value: unknown): T | null | undefined {
    if (!this.usable || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    return this.byValue.get(value) ?? null;
  }

  add(document: T): void {
    const value = document[this.field];
    if (!this.usable || value === undefined) return;
    if ((typeof value !== 'string' && typeof value !== 'number') || this.byValue.has(value)) {
      this.usable = false;
      this.byValue.clear();
      return;
    }
    this.byValue.set(value, document);
  }

  remove(document: T): void {
    const value = document[this.field];
    if (typeof value !== 'string' && typeof value !== 'number') return;
    if (this.byValue.get(value) === document) this.byValue.delete(value);
  }
}
