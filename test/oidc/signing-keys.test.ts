import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { SigningKeyStore } from '../../src/oidc/signing-keys.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { MongoStore } from '../../src/store/mongo-store.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { TestBrowser } from '../support/browser.ts';
import {
  client,
  loginInBrowser,
  redirectUri,
  registerConfidentialClient,
} from '../support/relying-party.ts';

const uri = process.env.MONGODB_URI;
const needsMongo = uri
  ? false
  : 'MONGODB_URI is not set: the keys command refuses the embedded store';

/** `npm run keys -- ...` as an operator runs it, against one database. */
function keysCommand(database: string | undefined, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', ...args], {
    env: {
      PATH: process.env.PATH,
      ...(database && uri && { MONGODB_URI: uri, MONGODB_DATABASE: database }),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function idTokenFrom(brygga: RunningBrygga, config: client.Configuration) {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'keys',
  });
  const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: 'keys',
  });
  return tokens.id_token ?? '';
}

async function jwksOf(brygga: RunningBrygga): Promise<JSONWebKeySet> {
  const discovery = await (await fetch(`${brygga.issuer}/.well-known/openid-configuration`)).json();
  return (await fetch(discovery.jwks_uri)).json();
}

/** Rotation by the operator's command on MongoDB, by the same code in-process otherwise. */
async function rotate(store: DocumentStore, database: string | undefined): Promise<void> {
  if (database) {
    const run = keysCommand(database, 'rotate');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Restart every Brygga process/);
    return;
  }
  await new SigningKeyStore(store, keyEncryptionKey).rotate();
}

const keyEncryptionKey = 'mfmPZR6581UNQkPJmK5vmPhhBVEwHFfIeyNlUe/JR+c=';

const stores: { name: string; open(): Promise<{ store: DocumentStore; database?: string }> }[] = [
  { name: 'embedded', open: async () => ({ store: new MemoryStore() }) },
  ...(uri
    ? [
        {
          name: 'mongodb',
          async open() {
            const database = `brygga_test_${randomUUID().slice(0, 8)}`;
            return { store: await MongoStore.connect(uri, database), database };
          },
        },
      ]
    : []),
];

for (const { name, open } of stores) {
  test(`signing keys (${name}): tokens signed before a rotation still verify after it`, async () => {
    const { store, database } = await open();
    let brygga = await startBrygga(store);
    const port = Number(new URL(brygga.issuer).port);
    const config = await registerConfidentialClient(brygga, 'keys-rp');
    const oldToken = await idTokenFrom(brygga, config);
    const oldKid = decodeProtectedHeader(oldToken).kid;
    const keysBefore = await new SigningKeyStore(store, keyEncryptionKey).list();

    await brygga.stop({ keepStore: true });
    brygga = await startBrygga(store, { port });
    assert.deepEqual(
      await new SigningKeyStore(store, keyEncryptionKey).list(),
      keysBefore,
      'a restart never creates keys when keys exist',
    );
    await brygga.stop({ keepStore: true });

    await rotate(store, database);
    brygga = await startBrygga(store, { port });
    try {
      const jwks = await jwksOf(brygga);
      const published = jwks.keys.map((key) => key.kid);
      assert.ok(published.includes(oldKid), 'the retired key is still published');
      assert.equal(published.length, 4, 'two active and two retired keys');
      const verified = await jwtVerify(oldToken, createLocalJWKSet(jwks), {
        issuer: brygga.issuer,
        audience: 'keys-rp',
      });
      assert.ok(verified.payload.sub);

      const newToken = await idTokenFrom(brygga, config);
      const newKid = decodeProtectedHeader(newToken).kid;
      assert.notEqual(newKid, oldKid, 'new tokens use the new key');
      assert.match(newKid ?? '', /^rs256-/);
      await jwtVerify(newToken, createLocalJWKSet(jwks), { issuer: brygga.issuer });
    } finally {
      await brygga.stop();
    }
  });

  test(`signing keys (${name}): a wrong keyEncryptionKey stops start-up, keys kept`, async () => {
    const { store } = await open();
    const first = await startBrygga(store);
    await first.stop({ keepStore: true });
    const keysBefore = await new SigningKeyStore(store, keyEncryptionKey).list();

    await assert.rejects(
      startBrygga(store, {
        overrides: { secrets: { keyEncryptionKey: Buffer.alloc(32, 1).toString('base64') } },
      }),
      (error: Error & { code?: string }) =>
        error.code === 'invalid_config' && /secrets\.keyEncryptionKey/.test(error.message),
    );
    assert.deepEqual(
      await new SigningKeyStore(store, keyEncryptionKey).list(),
      keysBefore,
      'nothing was regenerated',
    );
    await store.close();
  });
}

test('keys command: refuses the embedded store', () => {
  const run = keysCommand(undefined, 'list');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /MONGODB_URI/);
  assert.match(run.stderr, /embedded store/);
});

test('keys command: list, prune and usage errors', { skip: needsMongo }, async () => {
  const database = `brygga_test_${randomUUID().slice(0, 8)}`;
  assert.equal(keysCommand(database, 'rotate').status, 0);
  assert.equal(keysCommand(database, 'rotate').status, 0);
  const listed = keysCommand(database, 'list');
  assert.equal(listed.status, 0);
  assert.equal(listed.stdout.match(/ {2}active {2}/g)?.length, 2);
  assert.equal(listed.stdout.match(/ {2}retired {2}/g)?.length, 2);

  const tooSoon = keysCommand(database, 'prune', '--retired-before', new Date().toISOString());
  assert.equal(tooSoon.status, 1, 'keys retired just now may have signed live ID tokens');
  assert.match(tooSoon.stderr, /refusing to prune/);

  const store = await MongoStore.connect(uri ?? '', database);
  const hourAgo = new Date(Date.now() - 3600_000);
  await store
    .collection('signing_keys')
    .updateMany({ status: 'retired' }, { $set: { retiredAt: hourAgo } });
  const pruned = keysCommand(
    database,
    'prune',
    '--retired-before',
    new Date(Date.now() - 600_000).toISOString(),
  );
  assert.equal(pruned.status, 0, pruned.stderr);
  assert.match(pruned.stdout, /Removed 2 retired key/);
  assert.equal(await store.collection('signing_keys').countDocuments({}), 2);
  const audit = await store.collection('audit').countDocuments({ event: 'keys.rotated' });
  assert.equal(audit, 2, 'each rotation is audited');
  await store.close();

  for (const args of [['prune'], ['prune', '--retired-before', 'yesterday'], ['rotate', 'x']]) {
    const run = keysCommand(database, ...args);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, /usage: npm run keys/);
  }
});
