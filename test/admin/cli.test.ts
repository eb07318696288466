import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import { MongoStore } from '../../src/store/mongo-store.ts';
import { client, field, freshOrgNumber, startAdminHarness } from './harness.ts';
import { staffFile } from './staff-file.ts';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/admin.ts', ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env } },
      (error, stdout, stderr) => {
        const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

const folder = mkdtempSync(path.join(tmpdir(), 'brygga-admin-cli-'));

test('without MONGODB_URI the CLI refuses clearly instead of writing to an embedded store', async () => {
  const csv = path.join(folder, 'empty.csv');
  writeFileSync(csv, 'givenName,familyName\n');
  const run = await runCli(['import-staff', '--care-provider', '5591234561', '--file', csv], {
    MONGODB_URI: '',
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /set MONGODB_URI/);
});

test('a usage error exits 2 with the usage text', async () => {
  const run = await runCli(['import-staff', '--file', 'x.csv'], { MONGODB_URI: '' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--care-provider is required/);
  assert.match(run.stderr, /usage: npm run admin/);
});

const uri = process.env.MONGODB_URI;
test(
  'bootstrap on MongoDB: first operator client works; staff dry run reports rows',
  {
    skip: uri ? false : 'MONGODB_URI is not set',
  },
  async () => {
    const database = `brygga_test_${randomUUID().slice(0, 8)}`;
    const env = { MONGODB_URI: uri!, BRYGGA_MONGODB__DATABASE: database };
    const store = await MongoStore.connect(uri!, database);
    const harness = await startAdminHarness(store);
    try {
      const orgNumber = freshOrgNumber();
      await harness.brygga.domain.careProviders.create(
        { orgNumber, name: 'CLI-vården', kind: 'region' },
        'test',
      );
      const csv = path.join(folder, 'staff.csv');
      writeFileSync(csv, staffFile().text);
      const dryRun = await runCli(
        ['import-staff', '--care-provider', orgNumber, '--file', csv, '--dry-run'],
        env,
      );
      assert.equal(dryRun.status, 1, dryRun.stderr);
      assert.match(dryRun.stdout, /^accepted {2}line 2,3 {2}created$/m);
      assert.match(dryRun.stdout, /^rejected {2}line 4 {2}personalIdentityNumber: /m);
      assert.match(
        dryRun.stdout,
        /2 people accepted, 6 rows rejected \(dry run: nothing written\)/,
      );
      const careProvider = await harness.brygga.domain.careProviders.findByOrgNumber(orgNumber);
      assert.deepEqual(await harness.brygga.domain.staff.listForCareProvider(careProvider!.id), []);

      const keys = await generateKeyPair('ES256', { extractable: true });
      const jwks = path.join(folder, 'operator.jwks.json');
      const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'op-1', alg: 'ES256' };
      writeFileSync(jwks, JSON.stringify({ keys: [publicJwk] }));
      const created = await runCli(
        ['create-operator-client', '--client-id', 'first-operator', '--jwks-file', jwks],
        env,
      );
      assert.equal(created.status, 0, created.stderr);

      const configuration = await client.discovery(
        new URL(harness.brygga.issuer),
        'first-operator',
        { token_endpoint_auth_signing_alg: 'ES256' },
        client.PrivateKeyJwt({ key: keys.privateKey, kid: 'op-1' }),
        { execute: [client.allowInsecureRequests] },
      );
      const tokens = await client.clientCredentialsGrant(configuration, { scope: 'admin' });
      const me = await harness.call('GET', '/me', { token: tokens.access_token });
      assert.equal(field<boolean>(me, 'operator'), true);

      const again = await runCli(
        ['create-operator-client', '--client-id', 'first-operator', '--jwks-file', jwks],
        env,
      );
      assert.equal(again.status, 1);
      assert.match(again.stderr, /first-operator exists/);
    } finally {
      await harness.stop();
    }
  },
);
