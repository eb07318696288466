import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { decodeJwt } from 'jose';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { openTestStore } from '../support/store.ts';
import { TestBrowser } from '../support/browser.ts';
import { client, loginInBrowser, registerConfidentialClient } from '../support/relying-party.ts';

let brygga: RunningBrygga;
const backchannelLogouts: string[] = [];
const backchannel = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    backchannelLogouts.push(new URLSearchParams(body).get('logout_token') ?? '');
    response.end();
  });
});

before(async () => {
  await new Promise<void>((resolve) => backchannel.listen(0, '127.0.0.1', resolve));
  brygga = await startBrygga(await openTestStore(), {
    overrides: { oidc: { allowPrivateNetworkFetch: true } },
  });
});
after(async () => {
  await brygga.stop();
  backchannel.close();
});

test('openid-client: PAR, code + PKCE with private_key_jwt, UserInfo, refresh, revocation, logout', async () => {
  const backchannelUri = `http://127.0.0.1:${(backchannel.address() as AddressInfo).port}/logout`;
  const config = await registerConfidentialClient(brygga, 'e2e-vendor', {
    backchannel_logout_uri: backchannelUri,
    backchannel_logout_session_required: true,
  });
  const metadata = config.serverMetadata();
  assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  assert.equal(metadata.authorization_response_iss_parameter_supported, true);
  assert.ok(metadata.token_endpoint_auth_methods_supported?.includes('private_key_jwt'));
  assert.ok(metadata.pushed_authorization_request_endpoint);

  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: 'https://rp.example/callback',
    scope:
      'openid offline_access https://id.oidc.se/scope/naturalPersonInfo https://id.oidc.se/scope/naturalPersonNumber',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    prompt: 'login consent',
  });
  assert.ok(
    authorizationUrl.searchParams
      .get('request_uri')
      ?.startsWith('urn:ietf:params:oauth:request_uri:'),
  );

  const browser = new TestBrowser();
  const callback = await loginInBrowser(browser, brygga.issuer, authorizationUrl);
  assert.equal(callback.searchParams.get('iss'), brygga.issuer, 'RFC 9207 iss in the response');

  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  const idToken = tokens.claims();
  assert.ok(idToken);
  assert.notEqual(idToken.sub, '198006129863', 'a personal identity number is never sub');
  assert.match(idToken.sub, /^[\w-]{43}$/, 'pairwise sub is an HMAC');
  assert.ok(idToken.exp - idToken.iat <= 300, 'ID token lives at most 5 minutes');
  assert.equal(idToken.acr, 'http://id.elegnamnden.se/loa/1.0/loa3');
  assert.deepEqual(idToken.amr, ['dev']);
  assert.equal(idToken['https://id.oidc.se/claim/personalIdentityNumber'], '198006129863');
  assert.doesNotMatch(tokens.access_token, /^ey/, 'access tokens are opaque');

  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
  assert.equal(userinfo.given_name, 'Anna');
  assert.equal(userinfo.family_name, 'Andersson');

  assert.ok(tokens.refresh_token);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.refresh_token);
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'refresh tokens rotate');
  assert.equal(refreshed.claims()?.sub, idToken.sub);

  const introspected = await client.tokenIntrospection(config, refreshed.access_token);
  assert.equal(introspected.active, true);
  await client.tokenRevocation(config, refreshed.access_token);
  assert.equal((await client.tokenIntrospection(config, refreshed.access_token)).active, false);

  // Reuse of a rotated refresh token is theft or a bug: the whole grant is revoked.
  await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), {
    error: 'invalid_grant',
  });
  await assert.rejects(client.refreshTokenGrant(config, refreshed.refresh_token!), {
    error: 'invalid_grant',
  });

  const endSession = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token!,
    post_logout_redirect_uri: 'https://rp.example/',
    state: 'bye',
  });
  const logoutPage = await browser.get(endSession.href);
  const html = await logoutPage.text();
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(xsrf, 'logout confirmation form');
  const confirmed = await browser.post(`${brygga.issuer}/session/end/confirm`, {
    xsrf,
    logout: 'yes',
  });
  assert.equal(confirmed.headers.get('location'), 'https://rp.example/?state=bye');
  await waitFor(() => backchannelLogouts.length > 0);
  assert.equal(backchannelLogouts.length, 1, 'back-channel logout sent');
  const logoutToken = decodeJwt(backchannelLogouts[0]!);
  assert.equal(logoutToken.sub, idToken.sub);
  assert.ok(logoutToken.sid);
});

/** Back-channel logout is sent after the browser's response; wait for it, bounded. */
async function waitFor(condition: () => boolean, attempts = 50): Promise<void> {
  for (let attempt = 0; attempt < attempts && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
