import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { validateClientMetadata } from '../../src/clients/validate-client.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { openTestStore } from '../support/store.ts';
import { TestBrowser } from '../support/browser.ts';
import { client, loginInBrowser } from '../support/relying-party.ts';

const seededClients = loadConfig({}).clients;
/** The mobile app as config/default.yaml seeds it (public, native, loopback redirect). */
const mobileApp = seededClients.find((seed) => seed.client_id === 'mobile-app');
// Outside the ephemeral port range, so it never shares a prefix with the issuer's port.
const appPort = 61000;
const loopback = `http://127.0.0.1:${appPort}/callback`;

let brygga: RunningBrygga;
let app: client.Configuration;

before(async () => {
  assert.ok(mobileApp, 'config/default.yaml seeds mobile-app');
  brygga = await startBrygga(await openTestStore(), { overrides: { clients: [mobileApp] } });
  app = await client.discovery(new URL(brygga.issuer), 'mobile-app', {}, client.None(), {
    execute: [client.allowInsecureRequests],
  });
});
after(() => brygga.stop());

function authorize(redirectUri: string, pkce = true): Promise<Response> {
  const query = new URLSearchParams({
    client_id: 'mobile-app',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: 'native',
    ...(pkce && {
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }),
  });
  return fetch(`${brygga.issuer}/auth?${query}`, {
    redirect: 'manual',
    headers: { accept: 'text/html' },
  });
}

test('the registered loopback redirect accepts any port (RFC 8252 7.3)', async () => {
  for (const port of [appPort, 49152, 8080]) {
    const response = await authorize(`http://127.0.0.1:${port}/callback`);
    assert.equal(response.status, 303, `port ${port}`);
    assert.match(response.headers.get('location') ?? '', /^\/interaction\//);
  }
});

test('other loopback forms and paths are refused with an error page', async () => {
  for (const redirect of [
    `http://localhost:${appPort}/callback`,
    `http://[::1]:${appPort}/callback`,
    `http://127.0.0.1:${appPort}/other`,
    `https://127.0.0.1:${appPort}/callback`,
  ]) {
    const response = await authorize(redirect);
    assert.equal(response.status, 400, redirect);
    assert.equal(response.headers.get('location'), null);
    assert.match(await response.text(), /\(invalid_redirect_uri\)/);
  }
});

test('a public client must use PKCE', async () => {
  const response = await authorize(loopback, false);
  assert.equal(response.status, 303);
  const location = new URL(response.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, loopback);
  assert.equal(location.searchParams.get('error'), 'invalid_request');
  assert.match(location.searchParams.get('error_description') ?? '', /PKCE/);
});

test('a public client gets rotating refresh tokens; reuse revokes the grant', async () => {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(app, {
    redirect_uri: loopback,
    scope: 'openid offline_access',
    prompt: 'consent',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'native',
  });
  const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
  assert.equal(`${callback.origin}${callback.pathname}`, loopback);

  await assert.rejects(
    client.authorizationCodeGrant(app, callback, {
      pkceCodeVerifier: client.randomPKCECodeVerifier(),
      expectedState: 'native',
    }),
    { error: 'invalid_grant' },
    'a wrong code_verifier is refused',
  );
  const second = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
  const tokens = await client.authorizationCodeGrant(app, second, {
    pkceCodeVerifier: verifier,
    expectedState: 'native',
  });
  assert.ok(tokens.refresh_token, 'offline_access gives the app a refresh token');

  const rotated = await client.refreshTokenGrant(app, tokens.refresh_token);
  assert.ok(rotated.refresh_token);
  assert.notEqual(rotated.refresh_token, tokens.refresh_token, 'every refresh rotates');

  await assert.rejects(client.refreshTokenGrant(app, tokens.refresh_token), {
    error: 'invalid_grant',
  });
  await assert.rejects(
    client.refreshTokenGrant(app, rotated.refresh_token),
    { error: 'invalid_grant' },
    'reusing an old refresh token ends the whole grant (RFC 9700 4.14.2)',
  );
});

test('every client config/default.yaml seeds passes the schema of oidc-provider', async () => {
  for (const seed of seededClients) {
    await validateClientMetadata(brygga.provider, seed);
  }
});

test('two native apps on loopback get different subjects for the same person', async () => {
  await brygga.clients.add({ ...mobileApp!, client_id: 'other-app', client_name: 'Other' });
  const other = await client.discovery(new URL(brygga.issuer), 'other-app', {}, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  const subjects: string[] = [];
  for (const config of [app, other]) {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: loopback,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
    });
    subjects.push(tokens.claims()?.sub ?? '');
  }
  assert.ok(subjects[0]);
  assert.notEqual(subjects[0], subjects[1], 'the shared loopback host is not a sector');
});
