import { Query, updateOne as applyUpdate } from 'mingo';
import { BryggaError } from '../errors/brygga-error.ts';
import type {
  DocumentCollection,
  DocumentStore,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexOptions,
  StoredDocument,
  Update,
  UpdateOptions,
  UpdateResult,
} from './document-store.ts';
import {
  UniqueFieldIndex,
  applyTopLevelUpdate,
  matchesEquality,
  plainEquality,
} from './memory-fast-path.ts';

/**
 * The embedded development store: MongoDB query and update semantics from the mingo
 * engine over in-process arrays. Unique indexes are enforced; TTL indexes are not (as on
 * FerretDB), which is why every reader filters expired rows itself.
 */
export class MemoryStore implements DocumentStore {
  readonly kind = 'embedded';
  private readonly collections = new Map<string, MemoryCollection<StoredDocument>>();

  collection<T extends StoredDocument>(name: string): DocumentCollection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MemoryCollection(name);
      this.collections.set(name, collection);
    }
    return collection as unknown as DocumentCollection<T>;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

class MemoryCollection<T extends StoredDocument> implements DocumentCollection<T> {
  private documents: T[] = [];
  private readonly uniqueKeys: string[][] = [];
  /** Unique single-field indexes as maps, so `{ key }` lookups and inserts need no scan. */
  private readonly indexes = new Map<string, UniqueFieldIndex<T>>();

  constructor(readonly name: string) {}

  async findOne(filter: Filter, options: FindOptions = {}): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const simple = !options.projection && !options.sort && !options.skip;
    const matched = simple ? this.matchEquality(filter) : undefined;
    if (matched) {
      const limited = options.limit ? matched.slice(0, options.limit) : matched;
      return limited.map((document) => structuredClone(document));
    }
    let cursor = new Query(filter).find<T>(
      this.documents,
      options.projection as Parameters<Query['find']>[1],
    );
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all().map((document) => structuredClone(document));
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.matching(filter).length;
  }

  async insertOne(document: T): Promise<void> {
    const copy = structuredClone(document);
    this.assertUnique(copy);
    this.documents.push(copy);
    for (const index of this.indexes.values()) index.add(copy);
  }

  async updateOne(
    filter: Filter,
    update: Update,
    options: UpdateOptions = {},
  ): Promise<UpdateResult> {
    const target = this.first(filter);
    if (!target) {
      if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
      await this.insertOne(this.upsertDocument(filter, update));
      return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
    }
    const modified = this.modify(target, update);
    return { matchedCount: 1, modifiedCount: modified ? 1 : 0, upsertedCount: 0 };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const targets = this.matching(filter);
    let modifiedCount = 0;
    for (const target of targets) if (this.modify(target, update)) modifiedCount += 1;
    return { matchedCount: targets.length, modifiedCount, upsertedCount: 0 };
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    const target = this.first(filter);
    if (!target) {
      if (!options.upsert) return null;
      const created = this.upsertDocument(filter, update);
      await this.insertOne(created);
      return options.returnDocument === 'before' ? null : structuredClone(created);
    }
    const before = structuredClone(target);
    this.modify(target, update);
    return options.returnDocument === 'before' ? before : structuredClone(target);
  }

  async deleteOne(filter: Filter): Promise<number> {
    const target = this.first(filter);
    if (!target) return 0;
    this.documents = this.documents.filter((document) => document !== target);
    for (const index of this.indexes.values()) index.remove(target);
    return 1;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const doomed = new Set(this.matching(filter));
    this.documents = this.documents.filter((document) => !doomed.has(document));
    for (const document of doomed)
      for (const index of this.indexes.values()) index.remove(document);
    return doomed.size;
  }

  async createIndex(keys: Record<string, 1 | -1>, options: IndexOptions = {}): Promise<void> {
    if (!options.unique) return;
    const fields = Object.keys(keys);
    this.uniqueKeys.push(fields);
    const [field] = fields;
    if (fields.length === 1 && field && !field.includes('.') && !this.indexes.has(field)) {
      const index = new UniqueFieldIndex<T>(field);
      for (const document of this.documents) index.add(document);
      this.indexes.set(field, index);
    }
  }

  private first(filter: Filter): T | undefined {
    const matched = this.matchEquality(filter);
    if (matched) return matched[0];
    return new Query(filter).find<T>(this.documents).limit(1).all()[0];
  }

  private matching(filter: Filter): T[] {
    return this.matchEquality(filter) ?? new Query(filter).find<T>(this.documents).all();
  }

  /** Live documents for a plain equality filter (via an index when one applies), else undefined. */
  private matchEquality(filter: Filter): T[] | undefined {
    const pairs = plainEquality(filter);
    if (!pairs) return undefined;
    for (const [field, value] of pairs) {
      const holder = this.indexes.get(field)?.lookup(value);
      if (holder === null) return [];
      if (holder) return matchesEquality(holder, pairs) ? [holder] : [];
    }
    return this.documents.filter((document) => matchesEquality(document, pairs));
  }

  /** Applies the update to a copy first so a unique-key violation changes nothing. */
  private modify(target: T, update: Update): boolean {
    const candidate = structuredClone(target);
    const { $setOnInsert: _insertOnly, ...modifier } = update;
    const changed =
      applyTopLevelUpdate(candidate, modifier) ??
      applyUpdate([candidate], {}, modifier, { cloneMode: 'deep' }).modifiedCount > 0;
    this.assertUnique(candidate, target);
    for (const index of this.indexes.values()) index.remove(target);
    Object.assign(target, candidate);
    for (const key of Object.keys(target)) if (!(key in candidate)) delete target[key];
    for (const index of this.indexes.values()) index.add(target);
    return changed;
  }

  private upsertDocument(filter: Filter, update: Update): T {
    const seed: StoredDocument = {};
    for (const [key, value] of Object.entries(filter)) {
      if (!key.startsWith('$') && (typeof value !== 'object' || value === null)) seed[key] = value;
    }
    const { $setOnInsert, ...rest } = update as { $setOnInsert?: StoredDocument } & Update;
    const document = { ...seed, ...($setOnInsert ?? {}) } as T;
    if (applyTopLevelUpdate(document, rest) === undefined) {
      applyUpdate([document], {}, rest, { cloneMode: 'deep' });
    }
    return document;
  }

  private assertUnique(candidate: T, self?: T): void {
    for (const fields of this.uniqueKeys) {
      const values = fields.map((field) => valueAt(candidate, field));
      if (values.every((value) => value === undefined)) continue;
      const holder =
        fields.length === 1 ? this.indexes.get(fields[0]!)?.lookup(values[0]) : undefined;
      if (holder !== undefined) {
        if (holder !== null && holder !== self) throw duplicateKey(this.name, fields);
        continue;
      }
      const clash = this.documents.some(
        (document) =>
          document !== self &&
          fields.every((field, i) => sameValue(valueAt(document, field), values[i])),
      );
      if (clash) throw duplicateKey(this.name, fields);
    }
  }
}

function duplicateKey(collection: string, fields: string[]): BryggaError {
  return new BryggaError('duplicate_key', `Duplicate key in ${collection}: ${fields.join(', ')}`);
}

function valueAt(document: StoredDocument, path: string): unknown {
  let node: unknown = document;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as StoredDocument)[key];
  }
  return node;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
