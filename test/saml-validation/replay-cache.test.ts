import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryReplayCache, StoreReplayCache } from '../../src/saml/validation/replay-cache.ts';
import type { ReplayCache } from '../../src/saml/validation/types.ts';
import { storesUnderTest } from '../support/store.ts';

const t0 = new Date('2026-03-01T10:00:00Z');
const plus = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

async function behaves(cache: ReplayCache, key: string): Promise<void> {
  assert.equal(await cache.remember(key, plus(300), t0), true);
  assert.equal(await cache.remember(key, plus(300), plus(10)), false);
  assert.equal(await cache.remember(`${key}-other`, plus(300), plus(10)), true);
  // After expiry the id may be remembered again (its assertion could no longer be accepted).
  assert.equal(await cache.remember(key, plus(900), plus(301)), true);
  assert.equal(await cache.remember(key, plus(900), plus(302)), false);
}

test('memory replay cache', async () => behaves(new MemoryReplayCache(), 'idp _a1'));

for (const underTest of storesUnderTest()) {
  test(`store replay cache (${underTest.name}): expiry and concurrent first uses`, async () => {
    const store = await underTest.open();
    try {
      await behaves(new StoreReplayCache(store), 'idp _a1');
      const cache = new StoreReplayCache(store);
      const results = await Promise.all(
        [1, 2, 3].map(() => cache.remember('idp _race', plus(300), t0)),
      );
      assert.equal(results.filter(Boolean).length, 1);
      const row = await store.collection('saml_replay').findOne({ key: 'idp _race' });
      assert.ok(row?.expiresAt instanceof Date);
    } finally {
      await store.close();
    }
  });
}
