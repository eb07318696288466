import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collectionName } from '../../src/oidc/adapter.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { TestBrowser } from '../support/browser.ts';
import {
  loginInBrowser,
  redirectUri,
  registerConfidentialClient,
} from '../support/relying-party.ts';
import { openTestStore } from '../support/store.ts';
import type { AdminHarness } from './harness.ts';
import { client, field, startAdminHarness } from './harness.ts';

let store: DocumentStore;
let harness: AdminHarness;

before(async () => {
  store = await openTestStore();
  harness = await startAdminHarness(store);
});
after(() => harness.stop());

test('a token from the token endpoint (client_credentials, private_key_jwt) is accepted', async () => {
  const configuration = await harness.registerClient({ operator: true });
  const tokens = await client.clientCredentialsGrant(configuration, { scope: 'admin' });
  assert.equal(tokens.scope, 'admin');

  const me = await harness.call('GET', '/me', { token: tokens.access_token });
  assert.equal(me.status, 200);
  assert.equal(field(me, 'clientId'), configuration.clientMetadata().client_id);
  assert.equal(field<boolean>(me, 'operator'), true);
  assert.equal(me.headers.get('cache-control'), 'no-store');
});

test('a client without an admin role is refused with 403', async () => {
  const token = await harness.tokenFor('none');
  const response = await harness.call('GET', '/care-providers', { token });
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(field(response, 'type'), 'urn:brygga:problem:forbidden');
  assert.match(field(response, 'detail'), /no admin role/);
});

test('a token without the admin scope is refused with insufficient_scope', async () => {
  const token = await harness.tokenFor({ operator: true }, { scope: '' });
  const response = await harness.call('GET', '/me', { token });
  assert.equal(response.status, 403);
  assert.match(response.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
});

test('the token endpoint gives the admin scope only to clients registered with it', async () => {
  const configuration = await harness.registerClient({ operator: true }, { clientScope: 'openid' });
  await assert.rejects(client.clientCredentialsGrant(configuration, { scope: 'admin' }), {
    error: 'invalid_scope',
  });
});

test('unknown, malformed, missing and expired tokens get 401 with a Bearer challenge', async () => {
  const unknown = await harness.call('GET', '/me', { token: 'not-a-token-we-issued' });
  assert.equal(unknown.status, 401);
  assert.match(
    unknown.headers.get('www-authenticate') ?? '',
    /^Bearer realm="brygga-admin", error="invalid_token"/,
  );

  const missing = await harness.call('GET', '/me');
  assert.equal(missing.status, 401);
  assert.doesNotMatch(missing.headers.get('www-authenticate') ?? '', /error=/, 'RFC 6750 3.1');

  const token = await harness.tokenFor({ operator: true });
  assert.equal((await harness.call('GET', '/me', { token })).status, 200);
  const past = new Date(Date.now() - 60_000);
  const updated = await store
    .collection(collectionName('ClientCredentials'))
    .updateOne(
      { key: token },
      { $set: { expiresAt: past, 'payload.exp': Math.floor(past.getTime() / 1000) } },
    );
  assert.equal(updated.matchedCount, 1, 'the opaque token is stored under its own value');
  const expired = await harness.call('GET', '/me', { token });
  assert.equal(expired.status, 401);
  assert.match(field(expired, 'detail'), /unknown or expired/);
});

test('a token of a disabled client stops working at once', async () => {
  const configuration = await harness.registerClient({ operator: true });
  const { access_token: token } = await client.clientCredentialsGrant(configuration, {
    scope: 'admin',
  });
  await harness.brygga.clients.setDisabled(configuration.clientMetadata().client_id, true);
  assert.equal((await harness.call('GET', '/me', { token })).status, 401);
});

test('a person’s access token from a login (authorization code) is not an admin token', async () => {
  const configuration = await registerConfidentialClient(harness.brygga, 'admin-test-rp');
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'admin-test',
  });
  const callback = await loginInBrowser(new TestBrowser(), harness.brygga.issuer, url);
  const tokens = await client.authorizationCodeGrant(configuration, callback, {
    pkceCodeVerifier: verifier,
    expectedState: 'admin-test',
  });
  assert.ok(tokens.access_token);

  const response = await harness.call('GET', '/me', { token: tokens.access_token });
  assert.equal(response.status, 401);
});
