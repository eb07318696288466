import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collectionName } from '../../src/oidc/adapter.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { openTestStore } from '../support/store.ts';
import { TestBrowser } from '../support/browser.ts';
import {
  client,
  loginInBrowser,
  redirectUri,
  registerConfidentialClient,
} from '../support/relying-party.ts';

let store: DocumentStore;
let brygga: RunningBrygga;
let config: client.Configuration;
/** Every response body these tests saw; none may carry a stack trace. */
const bodies: { what: string; body: string }[] = [];

before(async () => {
  store = await openTestStore();
  brygga = await startBrygga(store);
  config = await registerConfidentialClient(brygga, 'bad-input-rp');
});
after(() => brygga.stop());

const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const goodRequest = {
  client_id: 'bad-input-rp',
  redirect_uri: redirectUri,
  response_type: 'code',
  scope: 'openid',
  state: 'state-1',
  code_challenge: challenge,
  code_challenge_method: 'S256',
};

async function authorize(
  what: string,
  params: Record<string, string | undefined>,
  extraQuery = '',
): Promise<Response> {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const response = await fetch(`${brygga.issuer}/auth?${query}${extraQuery}`, {
    redirect: 'manual',
    headers: { accept: 'text/html' },
  });
  bodies.push({ what, body: await response.clone().text() });
  return response;
}

/** The error goes back to the client (RFC 6749 4.1.2.1) with state and iss (RFC 9207). */
function assertErrorRedirect(response: Response, error: string): URL {
  assert.equal(response.status, 303);
  const location = new URL(response.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, redirectUri);
  const answer = new URLSearchParams(location.search || location.hash.slice(1));
  assert.equal(answer.get('error'), error);
  assert.equal(answer.get('state'), 'state-1');
  assert.equal(answer.get('iss'), brygga.issuer);
  return location;
}

/** The error is shown to the person and never sent to an unverified address. */
async function assertErrorPage(response: Response, code: string): Promise<void> {
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('location'), null, 'not a redirect');
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  const body = await response.text();
  assert.match(body, /class="error-id"[\s\S]*<code>[0-9a-f]{8}<\/code>/, 'an error id');
  assert.ok(body.includes(`(${code})`), `the code ${code} is on the page`);
}

test('malformed authorization requests are answered at the redirect URI', async () => {
  const missingType = await authorize('no response_type', {
    ...goodRequest,
    response_type: undefined,
  });
  assertErrorRedirect(missingType, 'invalid_request');

  const implicit = await authorize('response_type=token', {
    ...goodRequest,
    response_type: 'token',
  });
  assertErrorRedirect(implicit, 'unsupported_response_type');

  const noOpenid = await authorize('no openid scope', { ...goodRequest, scope: 'profile' });
  assertErrorRedirect(noOpenid, 'invalid_scope');

  const duplicated = await authorize('duplicated scope', goodRequest, '&scope=openid');
  const location = assertErrorRedirect(duplicated, 'invalid_request');
  assert.match(location.searchParams.get('error_description') ?? '', /scope/);
});

test('PKCE is required and only S256 is accepted', async () => {
  const withoutPkce = await authorize('no PKCE', {
    ...goodRequest,
    code_challenge: undefined,
    code_challenge_method: undefined,
  });
  assertErrorRedirect(withoutPkce, 'invalid_request');

  const plain = await authorize('plain PKCE', {
    ...goodRequest,
    code_challenge: 'a-plain-verifier-that-is-long-enough-to-be-a-valid-one-0123',
    code_challenge_method: 'plain',
  });
  assertErrorRedirect(plain, 'invalid_request');
});

test('an unknown client gets an error page, not a redirect', async () => {
  const response = await authorize('unknown client', { ...goodRequest, client_id: 'nobody' });
  await assertErrorPage(response, 'invalid_client');
});

test('a redirect URI that does not match exactly gets an error page', async () => {
  for (const redirect of [
    `${redirectUri}/`,
    'https://rp.example/Callback',
    'https://RP.example/callback',
    `${redirectUri}?next=/admin`,
    'https://rp.example:8443/callback',
    'http://rp.example/callback',
  ]) {
    const response = await authorize(`redirect ${redirect}`, {
      ...goodRequest,
      redirect_uri: redirect,
    });
    await assertErrorPage(response, 'invalid_redirect_uri');
  }
});

test('a replayed code fails with invalid_grant and revokes the first tokens', async () => {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid offline_access',
    prompt: 'consent',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'replay',
  });
  const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
  const checks = { pkceCodeVerifier: verifier, expectedState: 'replay' };

  const first = await client.authorizationCodeGrant(config, callback, checks);
  assert.equal((await client.tokenIntrospection(config, first.access_token)).active, true);
  assert.ok(first.refresh_token);

  await assert.rejects(client.authorizationCodeGrant(config, callback, checks), {
    error: 'invalid_grant',
  });
  assert.equal((await client.tokenIntrospection(config, first.access_token)).active, false);
  assert.equal((await client.tokenIntrospection(config, first.refresh_token)).active, false);
});

test('an unknown or expired interaction gets a readable page', async () => {
  const unknown = await fetch(`${brygga.issuer}/interaction/no-such-interaction-0123`, {
    headers: { accept: 'text/html' },
  });
  bodies.push({ what: 'unknown interaction', body: await unknown.clone().text() });
  await assertErrorPage(unknown, 'interaction_expired');

  const browser = new TestBrowser();
  const started = await browser.follow(
    `${brygga.issuer}/auth?${new URLSearchParams(goodRequest)}`,
    brygga.issuer,
  );
  const uid = new URL(started.url).pathname.split('/')[2] ?? '';
  assert.match(started.url, /\/interaction\//);
  await started.response.text();
  const interactions = store.collection(collectionName('Interaction'));
  const expired = await interactions.updateOne(
    { key: uid },
    { $set: { expiresAt: new Date(Date.now() - 1000) } },
  );
  assert.equal(expired.matchedCount, 1);

  for (const [what, response] of [
    ['expired chooser', await browser.get(`${brygga.issuer}/interaction/${uid}`)],
    ['expired test login', await browser.post(`${brygga.issuer}/login/dev/${uid}`, {})],
    ['expired cancel', await browser.post(`${brygga.issuer}/interaction/${uid}/cancel`, {})],
  ] as const) {
    bodies.push({ what, body: await response.clone().text() });
    await assertErrorPage(response, 'interaction_expired');
  }
});

test('odd requests elsewhere get protocol errors, never a stack trace', async () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const requests: [string, string, RequestInit][] = [
    ['token without auth', '/token', { method: 'POST', headers: form, body: 'grant_type=x' }],
    ['token as JSON', '/token', { method: 'POST', headers: jsonType, body: '{"a":' }],
    ['token garbage', '/token', { method: 'POST', headers: form, body: '%%%&&&==' }],
    ['userinfo no token', '/me', {}],
    ['userinfo bad token', '/me', { headers: { authorization: 'Bearer nope' } }],
    ['logout bad hint', '/session/end?id_token_hint=eyJ.garbage.x', htmlAccept],
    ['bad request object', `/auth?client_id=bad-input-rp&request=e30.e30.`, htmlAccept],
    ['interaction choose', '/interaction/x/choose', { method: 'POST', headers: form }],
    ['unknown path', '/no/such/path', htmlAccept],
  ];
  for (const [what, path, init] of requests) {
    const response = await fetch(`${brygga.issuer}${path}`, { redirect: 'manual', ...init });
    const body = await response.text();
    bodies.push({ what, body });
    assert.ok(response.status < 500, `${what}: ${response.status} ${body.slice(0, 200)}`);
  }
});

test('no response body carries a stack trace or an error class name', () => {
  assert.ok(bodies.length > 20, 'the other tests collected the bodies');
  for (const { what, body } of bodies) {
    assert.doesNotMatch(body, /^\s+at /m, `${what}: stack trace`);
    assert.doesNotMatch(body, /Error:/, `${what}: error text`);
  }
});

const jsonType = { 'content-type': 'application/json' };
const htmlAccept = { headers: { accept: 'text/html' } };
