import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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

let brygga: RunningBrygga;

before(async () => {
  brygga = await startBrygga(await openTestStore());
});
after(() => brygga.stop());

test('/healthz and /readyz answer while the database is up', async () => {
  const health = await fetch(`${brygga.issuer}/healthz`);
  assert.equal(health.status, 200);
  const ready = await fetch(`${brygga.issuer}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal((await ready.json()).database, 'ok');
});

test('/metrics counts requests and logins by method and result', async () => {
  const config = await registerConfidentialClient(brygga, 'metrics-client');
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
  await loginInBrowser(new TestBrowser(), brygga.issuer, url);

  const metrics = await (await fetch(`${brygga.issuer}/metrics`)).text();
  assert.match(metrics, /brygga_logins_total\{method="dev",result="succeeded"\} 1/);
  assert.match(metrics, /brygga_http_request_duration_seconds_count\{[^}]*route="\/interaction"/);
  assert.doesNotMatch(metrics, /route="\/[0-9a-zA-Z_-]{20,}"/, 'ids never become labels');
});

test('every page carries the security headers; pages have a strict CSP', async () => {
  const response = await fetch(`${brygga.issuer}/interaction/unknown-interaction-id`);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const body = await response.text();
  assert.ok(response.status >= 400 && response.status < 500);
  assert.doesNotMatch(body, /\n\s+at /, 'no stack trace');
  assert.match(body, /error-id/);
});

test('prototype names are not failure codes or refusal rules', async () => {
  for (const path of [
    '/interaction/some-uid/failed?code=toString',
    '/interaction/some-uid/failed?code=__proto__',
    '/interaction/some-uid/refused?rule=constructor',
  ]) {
    const body = await (await fetch(`${brygga.issuer}${path}`)).text();
    assert.match(body, /<p class="message">[^<]{10,}<\/p>/, `a real message for ${path}`);
  }
});
