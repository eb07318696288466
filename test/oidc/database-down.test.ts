import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
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
import { TcpProxy } from '../store/tcp-proxy.ts';

const uri = process.env.MONGODB_URI;
const skip = uri ? false : 'MONGODB_URI is not set: the outage needs a database server';

let proxy: TcpProxy;
let store: MongoStore;
let brygga: RunningBrygga;
let config: client.Configuration;

/** A request that hangs fails the test instead of waiting for the runner's timeout. */
const noHang = () => AbortSignal.timeout(20_000);

before(async () => {
  if (!uri) return;
  const target = new URL(uri);
  proxy = await TcpProxy.start(target.hostname, Number(target.port || 27017));
  const proxied = new URL(uri);
  proxied.host = `127.0.0.1:${proxy.port}`;
  store = await MongoStore.connect(proxied.href, `brygga_test_${randomUUID().slice(0, 8)}`);
  brygga = await startBrygga(store);
  config = await registerConfidentialClient(brygga, 'outage-rp');
});
after(async () => {
  if (!uri) return;
  proxy.restore();
  await brygga.stop();
  await proxy.close();
});

async function fullLogin(): Promise<string> {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'outage',
  });
  const callback = await loginInBrowser(new TestBrowser(), brygga.issuer, url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: 'outage',
  });
  return tokens.claims()?.sub ?? '';
}

function authorizationUrl(): string {
  const query = new URLSearchParams({
    client_id: 'outage-rp',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return `${brygga.issuer}/auth?${query}`;
}

const outages = [
  ['the server refuses connections', () => proxy.cutConnections()],
  ['the server stops answering', () => proxy.stall()],
] as const;

for (const [outage, startOutage] of outages) {
  test(
    `database down (${outage}): 503 pages, not ready, still live; back without a restart`,
    { skip },
    async () => {
      const before = await fullLogin();
      assert.ok(before, 'a login works through the proxy');
      const browser = new TestBrowser();
      const started = await browser.follow(authorizationUrl(), brygga.issuer);
      const chooserUrl = started.url;
      assert.match(chooserUrl, /\/interaction\//);

      startOutage();

      const page = await fetch(authorizationUrl(), {
        headers: { accept: 'text/html' },
        redirect: 'manual',
        signal: noHang(),
      });
      const pageBody = await page.text();
      assert.equal(page.status, 503, pageBody.slice(0, 300));
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(pageBody, /class="error-id"/);
      assert.match(pageBody, /tillfälligt otillgänglig/);
      assert.doesNotMatch(pageBody, /^\s+at |Error:/m);

      const chooser = await browser.get(chooserUrl, { accept: 'text/html' });
      const chooserBody = await chooser.text();
      assert.equal(chooser.status, 503, 'a page in the middle of a login: 503, not "expired"');
      assert.match(chooserBody, /class="error-id"/);

      const token = await fetch(`${brygga.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code&code=x&client_id=outage-rp',
        signal: noHang(),
      });
      assert.equal(token.status, 503);
      assert.equal((await token.json()).error, 'temporarily_unavailable');

      const ready = await fetch(`${brygga.issuer}/readyz`, { signal: noHang() });
      assert.equal(ready.status, 503);
      const readiness = await ready.json();
      assert.equal(readiness.ready, false);
      assert.equal(readiness.database, 'unreachable');
      const live = await fetch(`${brygga.issuer}/healthz`, { signal: noHang() });
      assert.equal(live.status, 200);

      proxy.restore();

      let readyAgain = 0;
      for (let attempt = 0; attempt < 40 && readyAgain !== 200; attempt += 1) {
        readyAgain = (await fetch(`${brygga.issuer}/readyz`, { signal: noHang() })).status;
        if (readyAgain !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(readyAgain, 200, 'ready again once the database answers');
      assert.equal(await fullLogin(), before, 'a full login works again, same subject');
    },
  );
}
