import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { pino } from 'pino';
import { sithsCardConfigSchema } from '../../src/config/sections/siths-card.ts';
import { CardValidator } from '../../src/connectors/siths-card/card-validator.ts';
import { loadTrustStore } from '../../src/connectors/siths-card/trust-store.ts';
import { startSithsDevPki } from '../../src/simulators/siths-pki/dev-starter.ts';

const logger = pino({ level: 'silent' });

test('the development PKI writes an importable, valid card that survives a restart', async (t) => {
  const directory = mkdtempSync(path.join(tmpdir(), 'brygga-siths-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  const config = sithsCardConfigSchema.parse({
    enabled: true,
    simulator: { enabled: true, directory },
  });

  const first = await startSithsDevPki(config, 'development', logger);
  const p12 = readFileSync(first.cardPkcs12Path);
  assert.doesNotThrow(() => createSecureContext({ pfx: p12, passphrase: 'brygga-dev' }));
  assert.throws(() => createSecureContext({ pfx: p12, passphrase: 'wrong' }));

  const cardPem = readFileSync(path.join(directory, 'card.pem'), 'utf8');
  const validator = new CardValidator(
    first.config,
    loadTrustStore(first.config.caCertificatePaths),
    logger,
  );
  const card = await validator.validate(cardPem);
  assert.equal(card.holder.employeeHsaId, 'SE2321999993-GUGR01');
  assert.equal(card.revocation, 'ocsp');
  await first.close();

  const second = await startSithsDevPki(config, 'development', logger);
  t.after(() => second.close());
  assert.equal(readFileSync(path.join(directory, 'card.pem'), 'utf8'), cardPem);
  const again = new CardValidator(
    second.config,
    loadTrustStore(second.config.caCertificatePaths),
    logger,
  );
  assert.equal(
    (await again.validate(cardPem)).fingerprint,
    new X509Certificate(cardPem).fingerprint256,
  );
});

test('the development PKI refuses to start in production', async () => {
  const config = sithsCardConfigSchema.parse({ simulator: { enabled: true } });
  await assert.rejects(startSithsDevPki(config, 'production', logger), /off in production/);
});
