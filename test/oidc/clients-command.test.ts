import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import { runClientsCommand } from '../../src/cli/clients-command.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { MongoStore } from '../../src/store/mongo-store.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { TestBrowser } from '../support/browser.ts';
import { client, loginInBrowser, redirectUri } from '../support/relying-party.ts';

const uri = process.env.MONGODB_URI;
const folder = mkdtempSync(join(tmpdir(), 'brygga-clients-'));

/** A client file as an operator would write it, and the vendor's private key. */
async function clientFile(clientId: string, extra: Record<string, unknown> = {}) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${clientId}-1`;
  const metadata = {
    client_id: clientId,
    client_name: `Vendor ${clientId}`,
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid offline_access',
    ...extra,
  };
  const file = join(folder, `${clientId}.json`);
  writeFileSync(file, JSON.stringify(metadata));
  return { file, privateKey, kid };
}

/** A command run: in-process on the embedded store, as `npm run clients` on MongoDB. */
type Run = (args: string[]) => Promise<{ ok: boolean; output: string }>;

function inProcess(brygga: RunningBrygga, store: DocumentStore): Run {
  return async ([command = '', ...rest]) => {
    const lines: string[] = [];
    const fileAt = rest.indexOf('--file');
    try {
      await runClientsCommand(
        {
          command,
          ...(fileAt >= 0 && { file: rest[fileAt + 1] }),
          ...(fileAt < 0 && rest[0] && { clientId: rest[0] }),
        },
        { store, audit: brygga.audit, provider: brygga.provider, print: (l) => lines.push(l) },
      );
      return { ok: true, output: lines.join('\n') };
    } catch (error) {
      return { ok: false, output: (error as Error).message };
    }
  };
}

function asOperator(database: string): Run {
  return async (args) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/clients.ts', ...args], {
      env: { PATH: process.env.PATH, MONGODB_URI: uri, MONGODB_DATABASE: database },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  };
}

async function authorizationPage(brygga: RunningBrygga, clientId: string): Promise<Response> {
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return fetch(`${brygga.issuer}/auth?${query}`, {
    redirect: 'manual',
    headers: { accept: 'text/html' },
  });
}

const setups: { name: string; start(): Promise<{ brygga: RunningBrygga; run: Run }> }[] = [
  {
    name: 'embedded, in-process',
    async start() {
      const store = new MemoryStore();
      const brygga = await startBrygga(store);
      return { brygga, run: inProcess(brygga, store) };
    },
  },
  ...(uri
    ? [
        {
          name: 'mongodb, npm run clients',
          async start() {
            const database = `brygga_test_${randomUUID().slice(0, 8)}`;
            const brygga = await startBrygga(await MongoStore.connect(uri, database));
            return { brygga, run: asOperator(database) };
          },
        },
      ]
    : []),
];

for (const setup of setups) {
  test(`clients (${setup.name}): add, list, disable, enable`, async () => {
    const { brygga, run } = await setup.start();
    try {
      const vendor = await clientFile('cli-vendor');
      const added = await run(['add', '--file', vendor.file]);
      assert.ok(added.ok, added.output);
      assert.match(added.output, /Added client cli-vendor/);
      const again = await run(['add', '--file', vendor.file]);
      assert.equal(again.ok, false, 'an existing client_id is refused');
      assert.match(again.output, /cli-vendor exists/);

      const invalid = await clientFile('cli-invalid', {
        redirect_uris: ['https://rp.example/cb#fragment'],
      });
      const refused = await run(['add', '--file', invalid.file]);
      assert.equal(refused.ok, false);
      assert.match(refused.output, /Invalid client metadata: .*redirect_uris/);
      const wrongMethod = await clientFile('cli-hs256', {
        token_endpoint_auth_method: 'client_secret_jwt',
      });
      assert.equal((await run(['add', '--file', wrongMethod.file])).ok, false);

      const listed = await run(['list']);
      assert.match(listed.output, /^cli-vendor {2}private_key_jwt {2}enabled {2}Vendor/m);
      assert.doesNotMatch(listed.output, /cli-invalid|cli-hs256/, 'refused clients not stored');

      const config = await client.discovery(
        new URL(brygga.issuer),
        'cli-vendor',
        {},
        client.PrivateKeyJwt({ key: vendor.privateKey, kid: vendor.kid }),
        { execute: [client.allowInsecureRequests] },
      );
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid offline_access',
        prompt: 'consent',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const checks = { pkceCodeVerifier: verifier };
      const tokens = await client.authorizationCodeGrant(
        config,
        await loginInBrowser(new TestBrowser(), brygga.issuer, url),
        checks,
      );
      assert.ok(tokens.refresh_token);
      const pendingCode = await loginInBrowser(new TestBrowser(), brygga.issuer, url);

      const disabled = await run(['disable', 'cli-vendor']);
      assert.ok(disabled.ok, disabled.output);
      assert.match((await run(['list'])).output, /^cli-vendor .*disabled/m);

      const page = await authorizationPage(brygga, 'cli-vendor');
      assert.equal(page.status, 400);
      assert.equal(page.headers.get('location'), null);
      assert.match(await page.text(), /\(invalid_client\)/);
      await assert.rejects(client.authorizationCodeGrant(config, pendingCode, checks), {
        error: 'invalid_client',
      });
      await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), {
        error: 'invalid_client',
      });

      assert.ok((await run(['enable', 'cli-vendor'])).ok);
      const enabled = await authorizationPage(brygga, 'cli-vendor');
      assert.equal(enabled.status, 303);
      assert.match(enabled.headers.get('location') ?? '', /^\/interaction\//);
      assert.equal((await run(['disable', 'nobody'])).ok, false, 'an unknown client');

      const events = await brygga.audit.query({});
      const about = (name: string) =>
        events.filter((event) => event.event === name && event.clientId === 'cli-vendor');
      assert.equal(about('client.created').length, 1);
      assert.equal(about('client.disabled').length, 1);
      assert.equal(about('client.created')[0]?.actor, 'cli');
    } finally {
      await brygga.stop();
    }
  });
}

test('clients command: usage errors and the embedded store', { skip: !uri }, async () => {
  const run = asOperator(`brygga_test_${randomUUID().slice(0, 8)}`);
  for (const args of [['add'], ['frobnicate']]) {
    const result = await run(args);
    assert.equal(result.ok, false);
    assert.match(result.output, /usage: npm run clients/, args.join(' '));
  }
  const embedded = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/clients.ts', 'list'], {
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  assert.equal(embedded.status, 1);
  assert.match(embedded.stderr, /MONGODB_URI/);
});
