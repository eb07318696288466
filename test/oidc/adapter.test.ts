import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { AdapterPayload } from 'oidc-provider';
import { providerModels } from '../../src/brygga.ts';
import { StoreAdapter } from '../../src/oidc/adapter.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { storesUnderTest } from '../support/store.ts';

/** Models whose entries the provider revokes together when a grant ends (revoke.js). */
const grantModels = [
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
] as const;

/** The provider sees a server_error; the store's duplicate_key is its cause. */
const clash = (error: { error?: string; cause?: { code?: string } }) =>
  error.error === 'server_error' && error.cause?.code === 'duplicate_key';

async function withStore(
  open: () => Promise<DocumentStore>,
  body: (store: DocumentStore) => Promise<void>,
): Promise<void> {
  const store = await open();
  try {
    await StoreAdapter.ensureIndexes(store, providerModels);
    await body(store);
  } finally {
    await store.close();
  }
}

for (const { name, open } of storesUnderTest()) {
  test(`adapter (${name}): upsert and find for every model Brygga uses`, async () => {
    await withStore(open, async (store) => {
      for (const model of providerModels) {
        const adapter = new StoreAdapter(model, store);
        const payload: AdapterPayload = { jti: `${model}-1`, kind: model, clientId: 'rp' };
        await adapter.upsert(`${model}-1`, payload, 60);
        assert.deepEqual(await adapter.find(`${model}-1`), payload, model);
        assert.equal(await adapter.find(`${model}-2`), undefined, `${model}: unknown id`);

        const changed = { ...payload, clientId: 'other' };
        await adapter.upsert(`${model}-1`, changed, 60);
        assert.deepEqual(await adapter.find(`${model}-1`), changed, `${model}: upsert replaces`);
      }
    });
  });

  test(`adapter (${name}): findByUid for Session, findByUserCode for DeviceCode`, async () => {
    await withStore(open, async (store) => {
      const sessions = new StoreAdapter('Session', store);
      await sessions.upsert('session-1', { uid: 'uid-1', accountId: 'person-1' }, 60);
      assert.equal((await sessions.findByUid('uid-1'))?.accountId, 'person-1');
      assert.equal(await sessions.findByUid('uid-2'), undefined);

      const deviceCodes = new StoreAdapter('DeviceCode', store);
      await deviceCodes.upsert('device-1', { userCode: 'ABCD-EFGH', grantId: 'g' }, 60);
      assert.equal((await deviceCodes.findByUserCode('ABCD-EFGH'))?.grantId, 'g');
      assert.equal(await deviceCodes.findByUserCode('ZZZZ-ZZZZ'), undefined);
    });
  });

  test(`adapter (${name}): consume marks the entry, destroy removes it`, async () => {
    await withStore(open, async (store) => {
      const codes = new StoreAdapter('AuthorizationCode', store);
      await codes.upsert('code-1', { grantId: 'g1', kind: 'AuthorizationCode' }, 60);
      assert.equal((await codes.find('code-1'))?.consumed, undefined);

      await codes.consume('code-1');
      const consumed = (await codes.find('code-1'))?.consumed;
      assert.equal(typeof consumed, 'number', 'consumed is a timestamp in seconds');
      assert.ok(Math.abs((consumed as number) - Date.now() / 1000) < 60);

      await codes.destroy('code-1');
      assert.equal(await codes.find('code-1'), undefined);
    });
  });

  test(`adapter (${name}): revokeByGrantId removes the grant's entries in every model`, async () => {
    await withStore(open, async (store) => {
      for (const model of grantModels) {
        const adapter = new StoreAdapter(model, store);
        await adapter.upsert(`${model}-doomed`, { grantId: 'grant-doomed' }, 60);
        await adapter.upsert(`${model}-kept`, { grantId: 'grant-kept' }, 60);
      }

      await new StoreAdapter('AccessToken', store).revokeByGrantId('grant-doomed');

      for (const model of grantModels) {
        const adapter = new StoreAdapter(model, store);
        assert.equal(await adapter.find(`${model}-doomed`), undefined, `${model} revoked`);
        assert.equal((await adapter.find(`${model}-kept`))?.grantId, 'grant-kept', model);
      }
    });
  });

  test(`adapter (${name}): an expired entry is not returned`, async () => {
    await withStore(open, async (store) => {
      const sessions = new StoreAdapter('Session', store);
      await sessions.upsert('session-1', { uid: 'uid-1' }, 1);
      await sessions.upsert('session-2', { uid: 'uid-2' }, 3600);
      const codes = new StoreAdapter('DeviceCode', store);
      await codes.upsert('device-1', { userCode: 'WXYZ-WXYZ' }, 1);
      assert.ok(await sessions.find('session-1'), 'found before it expires');

      mock.timers.enable({ apis: ['Date'], now: Date.now() + 2000 });
      try {
        assert.equal(await sessions.find('session-1'), undefined);
        assert.equal(await sessions.findByUid('uid-1'), undefined);
        assert.equal(await codes.findByUserCode('WXYZ-WXYZ'), undefined);
        assert.ok(await sessions.find('session-2'), 'an unexpired entry is still found');
      } finally {
        mock.timers.reset();
      }
    });
  });

  test(`adapter (${name}): an upsert without expiry drops the earlier expiry`, async () => {
    await withStore(open, async (store) => {
      const grants = new StoreAdapter('Grant', store);
      await grants.upsert('grant-1', { accountId: 'person-1' }, 1);
      await grants.upsert('grant-1', { accountId: 'person-1' }, 0);
      mock.timers.enable({ apis: ['Date'], now: Date.now() + 2000 });
      try {
        assert.ok(await grants.find('grant-1'), 'no longer expires');
      } finally {
        mock.timers.reset();
      }
    });
  });

  test(`adapter (${name}): uid and userCode are unique`, async () => {
    await withStore(open, async (store) => {
      const sessions = new StoreAdapter('Session', store);
      await sessions.upsert('session-1', { uid: 'same-uid' }, 60);
      await assert.rejects(sessions.upsert('session-2', { uid: 'same-uid' }, 60), clash);
      assert.equal(await sessions.find('session-2'), undefined);

      const deviceCodes = new StoreAdapter('DeviceCode', store);
      await deviceCodes.upsert('device-1', { userCode: 'SAME-CODE' }, 60);
      await assert.rejects(deviceCodes.upsert('device-2', { userCode: 'SAME-CODE' }, 60), clash);
    });
  });

  test(`adapter (${name}): entries without a userCode never clash`, async () => {
    await withStore(open, async (store) => {
      const requests = new StoreAdapter('BackchannelAuthenticationRequest', store);
      await requests.upsert('ciba-1', { grantId: 'g1' }, 60);
      await requests.upsert('ciba-2', { grantId: 'g2' }, 60);
      assert.equal((await requests.find('ciba-2'))?.grantId, 'g2');
    });
  });
}
