import assert from 'node:assert/strict';
import * as client from 'openid-client';
import type { FlowBrowser, FlowResponse } from './flow-browser.ts';
import { redirectUri, registerConfidentialClient } from './relying-party.ts';
import type { RunningBrygga } from './start-brygga.ts';

export const scopes = {
  person:
    'openid https://id.oidc.se/scope/naturalPersonInfo https://id.oidc.se/scope/naturalPersonNumber',
  healthcare:
    'openid https://id.oidc.se/scope/naturalPersonInfo ' +
    'https://id.oidc.se/scope/naturalPersonNumber healthcare',
};

/** A vendor's back end: private_key_jwt, PAR, code + PKCE (test/support/relying-party.ts). */
export function registerVendor(brygga: RunningBrygga, clientId: string) {
  return registerConfidentialClient(brygga, clientId, {
    scope: `${scopes.healthcare} offline_access`,
  });
}

export interface StartedLogin {
  config: client.Configuration;
  authorizationUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Pushes the authorization request (RFC 9126) and returns what the client keeps. */
export async function beginLogin(
  config: client.Configuration,
  extra: Record<string, string> = {},
): Promise<StartedLogin> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope: scopes.person,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { config, authorizationUrl, state, nonce, codeVerifier };
}

/** The browser opens the authorization URL and lands on the method chooser. */
export async function openChooser(
  browser: FlowBrowser,
  issuer: string,
  login: StartedLogin,
): Promise<{ uid: string; page: string }> {
  const chooser = await browser.follow(login.authorizationUrl.href, issuer);
  const uid = /^\/interaction\/([\w-]+)$/.exec(new URL(chooser.url).pathname)?.[1];
  assert.ok(uid, `expected the method chooser, got ${chooser.url} (${chooser.status})`);
  assert.equal(chooser.status, 200);
  return { uid, page: await chooser.text() };
}

/** Follows Brygga's answer back to the client's redirect_uri; returns that URL. */
export async function backToClient(
  browser: FlowBrowser,
  issuer: string,
  answer: FlowResponse,
): Promise<URL> {
  const location = answer.headers.get('location');
  assert.ok(location, `expected a redirect, got ${answer.status}: ${await answer.text()}`);
  const finished = await browser.follow(new URL(location, issuer).href, issuer);
  const callback = new URL(finished.url);
  assert.equal(`${callback.origin}${callback.pathname}`, redirectUri, 'back at the client');
  return callback;
}

/** Redeems the code: tokens with state, nonce and PKCE checked by openid-client. */
export async function redeem(login: StartedLogin, callback: URL) {
  const tokens = await client.authorizationCodeGrant(login.config, callback, {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
  });
  const idToken = tokens.claims();
  assert.ok(idToken, 'an ID token');
  const userinfo = await client.fetchUserInfo(login.config, tokens.access_token, idToken.sub);
  return { tokens, idToken, userinfo };
}

/** The client's redirect carries an OAuth error (RFC 6749 4.1.2.1) with state and iss. */
export function assertError(callback: URL, login: StartedLogin, issuer: string, error: string) {
  assert.equal(callback.searchParams.get('error'), error, callback.href);
  assert.equal(callback.searchParams.get('state'), login.state);
  assert.equal(callback.searchParams.get('iss'), issuer, 'RFC 9207 iss');
  assert.equal(callback.searchParams.get('code'), null);
}

export { client };
