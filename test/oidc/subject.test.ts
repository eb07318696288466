import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { MongoStore } from '../../src/store/mongo-store.ts';
import { pairwiseSubject } from '../../src/oidc/pairwise-subject.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { TestBrowser } from '../support/browser.ts';
import {
  client,
  clientKeys,
  loginInBrowser,
  registerConfidentialClient,
} from '../support/relying-party.ts';

const annaIdentityNumber = '198006129863';

/** A store and a way to open a second connection to the same data (another process). */
interface SharedStore {
  name: string;
  first: DocumentStore;
  second(): Promise<DocumentStore>;
}

async function sharedStores(): Promise<SharedStore[]> {
  const memory = new MemoryStore();
  const stores: SharedStore[] = [{ name: 'embedded', first: memory, second: async () => memory }];
  const uri = process.env.MONGODB_URI;
  if (uri) {
    const database = `brygga_test_${randomUUID().slice(0, 8)}`;
    stores.push({
      name: 'mongodb',
      first: await MongoStore.connect(uri, database),
      second: () => MongoStore.connect(uri, database),
    });
  }
  return stores;
}

/** openid-client's view of an already registered client at this Brygga. */
function configFor(brygga: RunningBrygga, clientId: string): Promise<client.Configuration> {
  const { key, kid } = clientKeys.get(clientId)!;
  return client.discovery(
    new URL(brygga.issuer),
    clientId,
    { id_token_signed_response_alg: 'RS256' },
    client.PrivateKeyJwt({ key, kid }),
    { execute: [client.allowInsecureRequests] },
  );
}

/** Logs Anna in (the test login's demo-0) and returns the ID token's `sub`. */
async function subjectOf(brygga: RunningBrygga, config: client.Configuration): Promise<string> {
  const verifier = client.randomPKCECodeVerifier();
  const redirectUri = (config.clientMetadata().redirect_uris as string[] | undefined)?.[0];
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri ?? '',
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'subject',
  });
  const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url, 'demo-0');
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: 'subject',
  });
  return tokens.claims()?.sub ?? '';
}

for (const shared of await sharedStores()) {
  test(`sub (${shared.name}): stable across restarts and instances, pairwise per sector`, async () => {
    let first = await startBrygga(shared.first);
    const vendorA = await registerConfidentialClient(first, `sector-a-${shared.name}`, {
      redirect_uris: ['https://rp.example/callback'],
    });
    await registerConfidentialClient(first, `sector-a2-${shared.name}`, {
      redirect_uris: ['https://rp.example/other-callback'],
    });
    await registerConfidentialClient(first, `sector-b-${shared.name}`, {
      redirect_uris: ['https://other-vendor.example/callback'],
    });
    const sub = await subjectOf(first, vendorA);
    assert.equal(await subjectOf(first, vendorA), sub, 'the same on the next login');

    assert.notEqual(sub, annaIdentityNumber);
    assert.ok(!sub.includes(annaIdentityNumber.slice(2)), 'no part of the identity number');
    const fromIdentityNumber = pairwiseSubject(
      first.config.secrets.pairwiseSalt,
      'rp.example',
      annaIdentityNumber,
    );
    assert.notEqual(sub, fromIdentityNumber, 'not derived from the identity number');

    const sameSector = await subjectOf(first, await configFor(first, `sector-a2-${shared.name}`));
    assert.equal(sameSector, sub, 'one sector (redirect host) shares the sub (OIDC Core 8.1)');
    const otherSector = await subjectOf(first, await configFor(first, `sector-b-${shared.name}`));
    assert.notEqual(otherSector, sub, 'another sector gets another sub');

    const port = Number(new URL(first.issuer).port);
    await first.stop({ keepStore: true });
    first = await startBrygga(shared.first, { port });
    assert.equal(await subjectOf(first, vendorA), sub, 'the same after a restart');

    const second = await startBrygga(await shared.second());
    try {
      const atSecond = await configFor(second, `sector-a-${shared.name}`);
      assert.equal(await subjectOf(second, atSecond), sub, 'the same from a second instance');
      assert.equal(await subjectOf(first, vendorA), sub, 'and still from the first');
    } finally {
      await second.stop({ keepStore: shared.name === 'embedded' });
      await first.stop();
    }
  });
}
