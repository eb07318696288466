import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarkSaml } from '../../bench/saml.ts';

// Smoke test only (no timing assertions): both sides must accept every benchmark message.
test('the SAML benchmark runs both samlify and Brygga on accepted messages', async () => {
  const result = await benchmarkSaml(3);
  assert.equal(result.messages, 3);
  assert.ok(Number.isFinite(result.samlifyPerSecond) && result.samlifyPerSecond > 0);
  assert.ok(Number.isFinite(result.bryggaPerSecond) && result.bryggaPerSecond > 0);
  assert.equal(result.ratio, result.bryggaPerSecond / result.samlifyPerSecond);
});
