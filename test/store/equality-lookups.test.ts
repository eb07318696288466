import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { storesUnderTest } from '../support/store.ts';

interface Entry extends Record<string, unknown> {
  key: string | string[];
  grantId?: string;
  payload?: Record<string, unknown>;
  tags?: string[];
}

/**
 * Plain `{ field: value }` lookups and whole-field `$set` take a shortcut in the embedded
 * store (a map per unique index); they must keep MongoDB's answers, here on both stores.
 */
for (const { name, open } of storesUnderTest()) {
  const storeTest = (title: string, body: (store: DocumentStore) => Promise<void>) =>
    test(`equality lookups (${name}): ${title}`, async () => {
      const store = await open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });

  storeTest('a renamed, deleted or re-added key is found where it now is', async (store) => {
    const entries = store.collection<Entry>('entries');
    await entries.createIndex({ key: 1 }, { unique: true });
    await entries.insertOne({ key: 'a', grantId: 'g1' });
    await entries.insertOne({ key: 'b', grantId: 'g1' });
    await entries.insertOne({ key: 'c', grantId: 'g2' });

    await entries.updateOne({ key: 'a' }, { $set: { key: 'a2' } });
    assert.equal(await entries.findOne({ key: 'a' }), null);
    assert.equal((await entries.findOne({ key: 'a2' }))?.grantId, 'g1');
    await entries.insertOne({ key: 'a', grantId: 'g3' });
    assert.equal((await entries.findOne({ key: 'a' }))?.grantId, 'g3', 'the freed key is reusable');

    assert.equal(await entries.deleteMany({ grantId: 'g1' }), 2);
    assert.equal(await entries.findOne({ key: 'b' }), null);
    assert.equal(await entries.deleteOne({ key: 'c' }), 1);
    assert.equal(await entries.findOne({ key: 'c' }), null);
    await entries.insertOne({ key: 'c' });
    assert.equal(await entries.countDocuments({}), 2);
    assert.equal(
      await entries.findOne({ key: 'a', grantId: 'g1' }),
      null,
      'every field must match',
    );
  });

  storeTest('a unique key taken through an upsert or update is refused', async (store) => {
    const entries = store.collection<Entry>('entries');
    await entries.createIndex({ key: 1 }, { unique: true });
    await entries.updateOne({ key: 'x' }, { $set: { payload: { n: 1 } } }, { upsert: true });
    await entries.updateOne({ key: 'y' }, { $set: { payload: { n: 2 } } }, { upsert: true });
    await assert.rejects(entries.insertOne({ key: 'x' }), { code: 'duplicate_key' });
    await assert.rejects(entries.updateOne({ key: 'y' }, { $set: { key: 'x' } }), {
      code: 'duplicate_key',
    });
    assert.deepEqual((await entries.findOne({ key: 'y' }))?.payload, { n: 2 }, 'nothing changed');
  });

  storeTest('whole-field $set reports changes like MongoDB and stores copies', async (store) => {
    const entries = store.collection<Entry>('entries');
    const payload = { n: 1, at: new Date('2025-01-01T00:00:00Z') };
    await entries.updateOne({ key: 'k' }, { $set: { payload } }, { upsert: true });
    payload.n = 99;
    assert.equal(
      (await entries.findOne({ key: 'k' }))?.payload?.n,
      1,
      'the caller keeps its object',
    );

    const same = await entries.updateOne(
      { key: 'k' },
      { $set: { payload: { n: 1, at: new Date('2025-01-01T00:00:00Z') } } },
    );
    assert.deepEqual(same, { matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
    const changed = await entries.updateOne({ key: 'k' }, { $set: { payload: { n: 2 } } });
    assert.deepEqual(changed, { matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const unset = await entries.updateOne(
      { key: 'k' },
      { $set: { grantId: 'g' }, $unset: { tags: '' } },
    );
    assert.equal(unset.modifiedCount, 1);
    const absent = await entries.updateOne({ key: 'k' }, { $unset: { tags: '' } });
    assert.equal(absent.modifiedCount, 0, 'unsetting an absent field changes nothing');
    await entries.updateOne({ key: 'k' }, { $unset: { grantId: '' } });
    assert.equal('grantId' in ((await entries.findOne({ key: 'k' })) ?? {}), false);
    await entries.updateOne({ key: 'k' }, { $set: { 'payload.consumed': 5 } });
    assert.deepEqual((await entries.findOne({ key: 'k' }))?.payload, { n: 2, consumed: 5 });
  });

  storeTest('equality with a scalar also matches arrays that hold it', async (store) => {
    const entries = store.collection<Entry>('entries');
    await entries.createIndex({ key: 1 }, { unique: true });
    await entries.insertOne({ key: 'plain', tags: ['red', 'blue'] });
    await entries.insertOne({ key: ['list-a', 'list-b'] });

    assert.equal((await entries.findOne({ tags: 'blue' }))?.key, 'plain');
    assert.deepEqual((await entries.findOne({ key: 'list-b' }))?.key, ['list-a', 'list-b']);
    assert.equal((await entries.findOne({ key: 'plain' }))?.key, 'plain');
    assert.equal(await entries.countDocuments({ tags: 'green' }), 0);
  });
}
