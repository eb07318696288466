import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  acsUrl,
  assertionXml,
  now,
  requestId,
  responseXml,
  sign,
  spEntityId,
  testParties,
} from './test-idp.ts';

const folder =
  process.env.BRYGGA_SHARED_DATA ?? path.resolve(process.cwd(), '..', 'shared', 'data');

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/saml.ts', ...args], {
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

test('CLI: a good response (as base64) is accepted, identity values masked', async () => {
  const { idp } = await testParties();
  const dir = mkdtempSync(path.join(tmpdir(), 'brygga-saml-cli-'));
  const response = path.join(dir, 'response.b64');
  const cert = path.join(dir, 'idp.pem');
  writeFileSync(
    response,
    Buffer.from(sign(responseXml(assertionXml()), 'Response', idp)).toString('base64'),
  );
  writeFileSync(cert, idp.certificatePem);
  const run = cli(
    'check',
    response,
    '--idp-cert',
    cert,
    '--audience',
    spEntityId,
    '--recipient',
    acsUrl,
    '--in-response-to',
    requestId,
    '--now',
    now.toISOString(),
  );
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, /^accept/m);
  assert.match(run.out, /personalIdentityNumber: 19\*{8}89/);
  assert.doesNotMatch(run.out, /197309069289|Tolvansson/);
});

test(
  'CLI: r01 without --sp-key passes the Response checks, then cannot decrypt',
  {
    skip: existsSync(folder) ? false : `shared sample folder ${folder} is absent`,
  },
  () => {
    const run = cli(
      'check',
      path.join(folder, 'r01-svelegtest-shibboleth-signed-response.xml'),
      '--idp-cert',
      path.join(folder, 'r01-svelegtest-idp-signer.crt'),
      '--recipient',
      'https://localhost:8443/svelegtest-sp/saml2/post/3',
      '--in-response-to',
      '_2y6q15DKxcGX3HFJXadjcKGQ7Zk5Xf60RzJmB1l2',
      '--audience',
      'https://localhost:8443/svelegtest-sp',
      '--now',
      '2018-03-19T16:28:41.783Z',
    );
    assert.equal(run.code, 1);
    assert.match(run.out, /^reject: assertion_undecryptable/m);
    assert.match(run.out, /response_signature, response_header, in_response_to/);
    assert.match(run.out, /--sp-key/);
  },
);

test('CLI: usage errors exit 2', () => {
  assert.equal(cli('check').code, 2);
  assert.equal(cli('check', 'x.xml').code, 2);
  assert.equal(cli('check', 'x.xml', '--idp-cert', 'a', '--bogus').code, 2);
  assert.equal(cli('check', '/nonexistent.xml', '--idp-cert', '/nonexistent.pem').code, 2);
});
