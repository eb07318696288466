import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { guardDevelopmentDefaults } from '../../src/config/production-guard.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { createRootLogger } from '../../src/log/logger.ts';

function configError(env: NodeJS.ProcessEnv, overrides: Record<string, unknown> = {}): string {
  try {
    loadConfig(env, overrides);
  } catch (error) {
    assert.ok(error instanceof BryggaError);
    assert.equal(error.code, 'invalid_config');
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

test('an invalid value names the key and the value given', () => {
  const idToken = configError({ BRYGGA_OIDC__TTL__ID_TOKEN: '900' });
  assert.match(idToken, /oidc\.ttl\.idToken/);
  assert.match(idToken, /900/);
  assert.match(idToken, /5 minutes/, 'and why');

  const port = configError({ PORT: 'eighty' });
  assert.match(port, /http\.port: .*"eighty"/);

  const level = configError({ LOG_LEVEL: 'loud' });
  assert.match(level, /log\.level: .*"loud"/);

  const issuer = configError({ ISSUER: 'not a url' });
  assert.match(issuer, /issuer: .*"not a url"/);
});

test('every invalid key is listed, not only the first', () => {
  const message = configError({
    BRYGGA_OIDC__TTL__ID_TOKEN: '900',
    BRYGGA_OIDC__TTL__AUTHORIZATION_CODE: '-5',
  });
  assert.match(message, /oidc\.ttl\.idToken/);
  assert.match(message, /oidc\.ttl\.authorizationCode: .*-5/);
});

test('a rejected secret is named but its value is not repeated', () => {
  const salt = 'too-short-salt-value';
  const message = configError({ BRYGGA_SECRETS__PAIRWISE_SALT: salt });
  assert.match(message, /secrets\.pairwiseSalt/);
  assert.ok(!message.includes(salt), 'the secret stays out of the error (and the log)');
  assert.match(message, /20 characters/);

  const uri = 'mongodb://admin:hunter2hunter2@db.internal:27017/';
  const uriMessage = configError({}, { mongodb: { uri: 42 } });
  assert.match(uriMessage, /mongodb\.uri/);
  assert.equal(loadConfig({ MONGODB_URI: uri }).mongodb.uri, uri, 'a valid URI is taken as is');
});

test('valid environment values are applied with their types', () => {
  const config = loadConfig({
    BRYGGA_OIDC__TTL__ID_TOKEN: '120',
    BRYGGA_METRICS__ENABLED: 'false',
    BRYGGA_OIDC__ACR_VALUES: '["http://id.elegnamnden.se/loa/1.0/loa3"]',
  });
  assert.equal(config.oidc.ttl.idToken, 120);
  assert.equal(config.metrics.enabled, false);
  assert.deepEqual(config.oidc.acrValues, ['http://id.elegnamnden.se/loa/1.0/loa3']);
});

const developmentDefaults = [
  'mongodb.uri',
  'secrets.pairwiseSalt',
  'secrets.keyEncryptionKey',
  'secrets.cookieKeys',
  'secrets.auditHashKey',
  'oidc.devLogin',
  'demo.relyingParty',
  'domain.seedDemoData',
  'bankid.simulator.enabled',
  'freja.simulator.enabled',
  'sithsCard.simulator.enabled',
  'saml.simulator.enabled',
  'issuer (not https)',
];

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createRootLogger({ level: 'warn', destination }), lines };
}

test('production refuses every development default, naming each', () => {
  const config = loadConfig({ NODE_ENV: 'production' });
  const { logger } = captureLogger();
  assert.throws(
    () => guardDevelopmentDefaults(config, logger),
    (error: unknown) => {
      assert.ok(error instanceof BryggaError);
      for (const key of developmentDefaults) assert.ok(error.message.includes(key), key);
      return true;
    },
  );
});

test('production starts once every default is replaced; development only warns', () => {
  const { logger, lines } = captureLogger();
  const production = loadConfig(
    { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db.internal:27017/' },
    {
      issuer: 'https://login.example.se',
      secrets: {
        pairwiseSalt: 'p'.repeat(40),
        keyEncryptionKey: Buffer.alloc(32, 7).toString('base64'),
        cookieKeys: ['c'.repeat(40)],
        auditHashKey: 'a'.repeat(40),
      },
      oidc: { devLogin: false },
      clients: [],
      demo: { relyingParty: false, port: 0 },
      domain: { seedDemoData: false },
      bankid: { enabled: false },
      freja: { enabled: false },
      sithsCard: { enabled: false },
      saml: { enabled: false },
    },
  );
  guardDevelopmentDefaults(production, logger);
  assert.equal(lines.length, 0, 'no warnings without development defaults');

  guardDevelopmentDefaults(loadConfig({ NODE_ENV: 'development' }), logger);
  const warned = lines.map((line) => JSON.parse(line).configKey);
  for (const key of developmentDefaults) assert.ok(warned.includes(key), `a warning for ${key}`);
  assert.equal(new Set(warned).size, warned.length, 'one warning per default');
});

test('npm start refuses to start with a clear message, no stack trace', () => {
  for (const [env, expected] of [
    [{ NODE_ENV: 'production' }, /development defaults: .*secrets\.pairwiseSalt/],
    [{ BRYGGA_OIDC__TTL__ID_TOKEN: '900' }, /oidc\.ttl\.idToken.*900/],
  ] as const) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^Brygga did not start: /);
    assert.match(run.stderr, expected);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
  }
});
