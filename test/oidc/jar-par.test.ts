import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { openTestStore } from '../support/store.ts';
import { TestBrowser } from '../support/browser.ts';
import {
  client,
  clientKeys,
  loginInBrowser,
  redirectUri,
  registerConfidentialClient,
} from '../support/relying-party.ts';

let brygga: RunningBrygga;

before(async () => {
  brygga = await startBrygga(await openTestStore());
});
after(() => brygga.stop());

async function pkce() {
  const verifier = client.randomPKCECodeVerifier();
  return { verifier, challenge: await client.calculatePKCECodeChallenge(verifier) };
}

test('a signed request object (JAR) carries the authorization request', async () => {
  const config = await registerConfidentialClient(brygga, 'jar-client');
  const { verifier, challenge } = await pkce();
  const state = client.randomState();
  const url = await client.buildAuthorizationUrlWithJAR(
    config,
    {
      redirect_uri: redirectUri,
      scope: 'openid https://id.oidc.se/scope/naturalPersonNumber',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    },
    clientKeys.get('jar-client')!,
  );
  assert.ok(url.searchParams.get('request'), 'request object by value');

  const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  assert.equal(
    tokens.claims()?.['https://id.oidc.se/claim/personalIdentityNumber'],
    '198006129863',
  );
});

test('a request object signed by another key is refused', async () => {
  const config = await registerConfidentialClient(brygga, 'jar-forger');
  const { challenge } = await pkce();
  const { privateKey } = await generateKeyPair('ES256');
  const forged = await new SignJWT({
    response_type: 'code',
    client_id: 'jar-forger',
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'jar-forger-key' })
    .setIssuer('jar-forger')
    .setAudience(brygga.issuer)
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(privateKey);
  const url = new URL(config.serverMetadata().authorization_endpoint!);
  url.search = new URLSearchParams({ client_id: 'jar-forger', request: forged }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? 'x:', brygga.issuer);
  assert.equal(response.status, 303);
  assert.equal(location.searchParams.get('error'), 'invalid_request_object');
});

test('a client that requires PAR cannot send a plain authorization request', async () => {
  const config = await registerConfidentialClient(brygga, 'par-only', {
    require_pushed_authorization_requests: true,
  });
  const { challenge } = await pkce();
  const plain = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const response = await fetch(plain, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? 'x:', brygga.issuer);
  assert.equal(location.searchParams.get('error'), 'invalid_request');
  assert.match(
    location.searchParams.get('error_description') ?? '',
    /pushed authorization request/i,
  );

  const pushed = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const accepted = await fetch(pushed, { redirect: 'manual' });
  assert.match(accepted.headers.get('location') ?? '', /\/interaction\//);
});

test('prompt=none without a session answers login_required', async () => {
  const config = await registerConfidentialClient(brygga, 'silent-client');
  const { challenge } = await pkce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'none',
    state: 's1',
  });
  const response = await fetch(url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location')!);
  assert.equal(location.origin + location.pathname, redirectUri);
  assert.equal(location.searchParams.get('error'), 'login_required');
  assert.equal(location.searchParams.get('state'), 's1');
});

test('an absent prompt re-authenticates even with a session (Sweden Connect OIDC profile)', async () => {
  const config = await registerConfidentialClient(brygga, 'sso-client');
  const browser = new TestBrowser();
  const first = await pkce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: first.challenge,
    code_challenge_method: 'S256',
  });
  await loginInBrowser(browser, brygga.issuer, url);

  const again = await browser.follow(url.href, brygga.issuer);
  assert.match(again.url, /\/interaction\//, 'the chooser again, not a silent code');

  const silent = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: first.challenge,
    code_challenge_method: 'S256',
    prompt: 'none',
  });
  const sso = await browser.follow(silent.href, brygga.issuer);
  assert.ok(new URL(sso.url).searchParams.get('code'), 'prompt=none uses the session');
});
