import { MongoClient, MongoServerError } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
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

/** The DocumentStore on a MongoDB (or wire-compatible) server, via the official driver. */
export class MongoStore implements DocumentStore {
  readonly kind = 'mongodb';
  private readonly client: MongoClient;
  private readonly db: Db;

  private constructor(client: MongoClient, database: string) {
    this.client = client;
    this.db = client.db(database);
  }

  static async connect(uri: string, database: string): Promise<MongoStore> {
    const client = new MongoClient(uri, {
      serverSelectionTimeoutMS: 3000,
      connectTimeoutMS: 3000,
      // Short socket timeout so a dead server gives a 503 quickly instead of a hang.
      socketTimeoutMS: 10000,
    });
    try {
      await client.connect();
    } catch (cause) {
      await client.close().catch(() => undefined);
      throw new BryggaError('database_unavailable', 'Cannot connect to MongoDB', { cause });
    }
    return new MongoStore(client, database);
  }

  collection<T extends StoredDocument>(name: string): DocumentCollection<T> {
    return new MongoCollection<T>(this.db.collection(name));
  }

  async ping(): Promise<void> {
    await translate(() => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

class MongoCollection<T extends StoredDocument> implements DocumentCollection<T> {
  constructor(private readonly collection: Collection<Document>) {}

  get name(): string {
    return this.collection.collectionName;
  }

  findOne(filter: Filter, options: FindOptions = {}): Promise<T | null> {
    return translate(
      () =>
        this.collection.findOne(filter, {
          ...options,
          projection: withoutId(options),
        }) as Promise<T | null>,
    );
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return translate(() => {
      let cursor = this.collection.find(filter, { projection: withoutId(options) });
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return cursor.toArray() as unknown as Promise<T[]>;
    });
  }

  countDocuments(filter: Filter): Promise<number> {
    return translate(() => this.collection.countDocuments(filter));
  }

  async insertOne(document: T): Promise<void> {
    // The driver adds _id to the object it is given; keep the caller's object clean.
    await translate(() => this.collection.insertOne({ ...document }));
  }

  async updateOne(
    filter: Filter,
    update: Update,
    options: UpdateOptions = {},
  ): Promise<UpdateResult> {
    const result = await translate(() => this.collection.updateOne(filter, update, options));
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      upsertedCount: result.upsertedCount,
    };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const result = await translate(() => this.collection.updateMany(filter, update));
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      upsertedCount: 0,
    };
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    // No projection here: FerretDB 1.x does not implement findAndModify's `fields`.
    const document = await translate(() =>
      this.collection.findOneAndUpdate(filter, update, {
        upsert: options.upsert ?? false,
        returnDocument: options.returnDocument ?? 'after',
      }),
    );
    if (!document) return null;
    const { _id: _ignored, ...rest } = document;
    return rest as unknown as T;
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await translate(() => this.collection.deleteOne(filter))).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await translate(() => this.collection.deleteMany(filter))).deletedCount;
  }

  async createIndex(keys: Record<string, 1 | -1>, options: IndexOptions = {}): Promise<void> {
    try {
      await this.collection.createIndex(keys, options);
    } catch (cause) {
      // FerretDB 1.x has no TTL indexes (NotImplemented). Readers filter expired rows
      // anyway, so a plain index on the same key keeps the queries fast.
      if (
        cause instanceof MongoServerError &&
        cause.code === notImplemented &&
        options.expireAfterSeconds !== undefined
      ) {
        const { expireAfterSeconds: _ttl, ...plain } = options;
        await translate(() => this.collection.createIndex(keys, plain));
        return;
      }
      await translate(() => Promise.reject(cause));
    }
  }
}

const notImplemented = 238;

/**
 * MongoDB reports E11000; FerretDB 1.x does too on insert, but a unique clash caused by an
 * update comes back as InternalError carrying its backend's constraint message.
 */
function isDuplicateKey(error: MongoServerError): boolean {
  if (error.code === 11000) return true;
  return (
    error.codeName === 'InternalError' &&
    /UNIQUE constraint failed|duplicate key value violates unique constraint/.test(error.message)
  );
}

function withoutId(options: FindOptions): Record<string, 0 | 1> {
  const projection = options.projection ?? {};
  const inclusive = Object.values(projection).some((value) => value === 1);
  return inclusive ? { ...projection, _id: 0 } : { _id: 0, ...projection };
}

/**
 * How long one operation may take before the caller gets database_unavailable. Every
 * query Brygga makes is small; the bound is for a server that stops answering mid-
 * connection, where the driver's own timeouts and its retry add up to 15 seconds.
 */
const operationDeadlineMs = 5000;

/** The one place driver errors become Brygga errors; no operation outlives the deadline. */
async function translate<R>(operation: () => Promise<R>): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new BryggaError('database_unavailable', 'MongoDB did not answer in time')),
      operationDeadlineMs,
    );
  });
  const pending = new Promise<R>((resolve) => resolve(operation()));
  // The driver still settles a timed-out operation later; that outcome has no reader.
  pending.catch(() => undefined);
  try {
    return await Promise.race([pending, deadline]);
  } catch (cause) {
    if (cause instanceof BryggaError) throw cause;
    if (cause instanceof MongoServerError && isDuplicateKey(cause)) {
      throw new BryggaError('duplicate_key', undefined, { cause });
    }
    if (cause instanceof MongoServerError) {
      throw new BryggaError(
        'internal',
        `MongoDB refused the operation: ${cause.codeName ?? cause.code}`,
        { cause },
      );
    }
    throw new BryggaError('database_unavailable', undefined, { cause });
  } finally {
    clearTimeout(timer);
  }
}
