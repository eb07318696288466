import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StoreAdapter } from '../../src/oidc/adapter.ts';
import { escapePayloadKeys, unescapePayloadKeys } from '../../src/oidc/payload-keys.ts';
import { storesUnderTest } from '../support/store.ts';

const claims = {
  id_token: {
    'http://sambi.se/attributes/1/commissionHsaId': { value: 'SE2321999993-UPP02' },
    acr: { essential: true, values: ['http://id.elegnamnden.se/loa/1.0/loa3'] },
  },
  userinfo: { 'https://id.oidc.se/claim/personalIdentityNumber': null },
};

test('payload keys: dots, a leading $ and % are escaped reversibly; values untouched', () => {
  const payload = { claims, $odd: [{ 'a.b%2E': 1 }], when: new Date(0) };
  const escaped = escapePayloadKeys(payload);
  const keys = JSON.stringify(escaped).match(/"[^"]*":/g) ?? [];
  assert.ok(
    keys.every((key) => !key.includes('.') && !key.startsWith('"$')),
    keys.join(' '),
  );
  assert.deepEqual(unescapePayloadKeys(escaped), payload);
});

for (const storeUnderTest of storesUnderTest()) {
  describe(`StoreAdapter with a claims parameter (${storeUnderTest.name} store)`, () => {
    test('an authorization code whose claims name URIs is stored and read back', async () => {
      const store = await storeUnderTest.open();
      try {
        await StoreAdapter.ensureIndexes(store, ['AuthorizationCode']);
        const adapter = new StoreAdapter('AuthorizationCode', store);
        await adapter.upsert('code-1', { grantId: 'grant-1', claims }, 60);
        assert.deepEqual((await adapter.find('code-1'))?.claims, claims);
        await adapter.consume('code-1');
        assert.ok((await adapter.find('code-1'))?.consumed);
      } finally {
        await store.close();
      }
    });
  });
}
