import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import type { DocumentCollection, DocumentStore } from '../../src/store/document-store.ts';
import { storesUnderTest } from '../support/store.ts';

interface Licence extends Record<string, unknown> {
  key: string;
  seats?: number;
  state?: string;
  createdAt?: Date;
  version?: number;
  tags?: string[];
}

/** The same behaviour on the embedded store and the MongoDB driver (FerretDB in CI). */
for (const { name, open } of storesUnderTest()) {
  const storeTest = (title: string, body: (store: DocumentStore) => Promise<void>) =>
    test(`document store (${name}): ${title}`, async () => {
      const store = await open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });

  storeTest('upsert inserts with $setOnInsert, later updates only $set', async (store) => {
    const licences = store.collection<Licence>('licences');
    const firstAt = new Date('2025-01-01T00:00:00Z');
    const insert = await licences.updateOne(
      { key: 'l1' },
      { $set: { seats: 5 }, $setOnInsert: { createdAt: firstAt, state: 'new' } },
      { upsert: true },
    );
    assert.deepEqual(insert, { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    assert.deepEqual(await licences.findOne({ key: 'l1' }), {
      key: 'l1',
      seats: 5,
      createdAt: firstAt,
      state: 'new',
    });

    const update = await licences.updateOne(
      { key: 'l1' },
      { $set: { seats: 7 }, $setOnInsert: { createdAt: new Date(), state: 'other' } },
      { upsert: true },
    );
    assert.deepEqual(update, { matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const stored = await licences.findOne({ key: 'l1' });
    assert.equal(stored?.seats, 7);
    assert.deepEqual(stored?.createdAt, firstAt, '$setOnInsert is ignored on update');
    assert.equal(stored?.state, 'new');
    assert.equal('_id' in (stored ?? {}), false, 'no driver _id leaks out');

    const missing = await licences.updateOne({ key: 'none' }, { $set: { seats: 1 } });
    assert.equal(missing.matchedCount, 0);
    assert.equal(await licences.countDocuments({}), 1, 'no upsert without the option');
  });

  storeTest('findOneAndUpdate returns the document before or after', async (store) => {
    const licences = store.collection<Licence>('licences');
    await licences.insertOne({ key: 'l1', state: 'pending', version: 1 });

    const before = await licences.findOneAndUpdate(
      { key: 'l1', version: 1 },
      { $set: { state: 'active' }, $inc: { version: 1 } },
      { returnDocument: 'before' },
    );
    assert.deepEqual(before, { key: 'l1', state: 'pending', version: 1 });

    const after = await licences.findOneAndUpdate(
      { key: 'l1', version: 2 },
      { $set: { state: 'revoked' }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    assert.deepEqual(after, { key: 'l1', state: 'revoked', version: 3 });

    const stale = await licences.findOneAndUpdate(
      { key: 'l1', version: 1 },
      { $set: { state: 'active' } },
    );
    assert.equal(stale, null, 'a conditional update on a stale version matches nothing');

    const created = await licences.findOneAndUpdate(
      { key: 'l2' },
      { $setOnInsert: { state: 'new' } },
      { upsert: true, returnDocument: 'after' },
    );
    assert.deepEqual(created, { key: 'l2', state: 'new' });
  });

  storeTest('a unique violation is a BryggaError duplicate_key and changes nothing', async (s) => {
    const licences = s.collection<Licence>('licences');
    await licences.createIndex({ key: 1 }, { unique: true });
    await licences.insertOne({ key: 'l1', seats: 1 });
    await licences.insertOne({ key: 'l2', seats: 2 });

    const isDuplicate = (error: unknown) =>
      error instanceof BryggaError && error.code === 'duplicate_key' && error.status === 409;
    await assert.rejects(licences.insertOne({ key: 'l1', seats: 9 }), isDuplicate);
    await assert.rejects(
      licences.updateOne({ key: 'l2' }, { $set: { key: 'l1', seats: 9 } }),
      isDuplicate,
    );
    await assert.rejects(
      licences.findOneAndUpdate({ key: 'l2' }, { $set: { key: 'l1' } }),
      isDuplicate,
    );
    assert.deepEqual(
      (await licences.find({}, { sort: { key: 1 } })).map((l) => [l.key, l.seats]),
      [
        ['l1', 1],
        ['l2', 2],
      ],
    );
  });

  storeTest('sort, skip, limit and projection', async (store) => {
    const licences: DocumentCollection<Licence> = store.collection<Licence>('licences');
    for (const [key, seats] of [
      ['a', 3],
      ['b', 1],
      ['c', 2],
      ['d', 5],
      ['e', 4],
    ] as const) {
      await licences.insertOne({ key, seats, state: seats > 2 ? 'big' : 'small', tags: [key] });
    }

    const page = await licences.find({}, { sort: { seats: -1 }, skip: 1, limit: 2 });
    assert.deepEqual(
      page.map((l) => l.key),
      ['e', 'a'],
    );
    const inclusive = await licences.find(
      { state: 'big' },
      { sort: { key: 1 }, projection: { key: 1, seats: 1 } },
    );
    assert.deepEqual(inclusive, [
      { key: 'a', seats: 3 },
      { key: 'd', seats: 5 },
      { key: 'e', seats: 4 },
    ]);
    const exclusive = await licences.findOne({ key: 'b' }, { projection: { tags: 0, state: 0 } });
    assert.deepEqual(exclusive, { key: 'b', seats: 1 });
    assert.equal(await licences.countDocuments({ seats: { $gte: 3 } }), 3);
  });

  storeTest('updateMany, deleteOne, deleteMany and operators', async (store) => {
    const licences = store.collection<Licence>('licences');
    for (const key of ['a', 'b', 'c']) await licences.insertOne({ key, seats: 1, tags: [] });

    const many = await licences.updateMany(
      { key: { $in: ['a', 'b'] } },
      { $inc: { seats: 2 }, $push: { tags: 'x' } },
    );
    assert.equal(many.matchedCount, 2);
    assert.equal(many.modifiedCount, 2);
    assert.deepEqual(await licences.findOne({ key: 'a' }), { key: 'a', seats: 3, tags: ['x'] });
    await licences.updateOne({ key: 'a' }, { $unset: { tags: '' } });
    assert.deepEqual(await licences.findOne({ key: 'a' }), { key: 'a', seats: 3 });

    assert.equal(await licences.deleteOne({ seats: 3 }), 1);
    assert.equal(await licences.deleteMany({ seats: { $lt: 10 } }), 2);
    assert.equal(await licences.deleteOne({ key: 'a' }), 0);
    assert.equal(await licences.countDocuments({}), 0);
  });

  storeTest('documents come back as copies', async (store) => {
    const licences = store.collection<Licence>('licences');
    const original: Licence = { key: 'a', tags: ['x'] };
    await licences.insertOne(original);
    assert.equal('_id' in original, false, "the caller's object is not changed");
    const read = await licences.findOne({ key: 'a' });
    read?.tags?.push('changed');
    assert.deepEqual((await licences.findOne({ key: 'a' }))?.tags, ['x']);
  });
}
