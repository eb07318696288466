import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnValid } from '../../src/domain/validation/luhn.ts';
import { validateOrgNumber } from '../../src/domain/validation/org-number.ts';
import {
  parseIdentityNumber,
  validateCoordinationNumber,
  validatePersonalIdentityNumber,
} from '../../src/domain/validation/identity-number.ts';
import { validateHsaId } from '../../src/domain/validation/hsa-id.ts';
import { validateGln } from '../../src/domain/validation/gln.ts';

const now = new Date('2026-06-01T12:00:00Z');

function reason(result: { ok: boolean; reason?: string }): string {
  assert.equal(result.ok, false);
  return result.reason ?? '';
}

test('luhn accepts correct and rejects altered numbers', () => {
  assert.equal(luhnValid('1212121212'), true);
  assert.equal(luhnValid('1212121213'), false);
  assert.equal(luhnValid('12a'), false);
});

test('organisation number: legal entities', () => {
  assert.deepEqual(validateOrgNumber('556776-6992'), { ok: true, value: '5567766992' });
  assert.deepEqual(validateOrgNumber('2321000016'), { ok: true, value: '2321000016' });
  assert.match(reason(validateOrgNumber('5567766993')), /check digit/);
  assert.match(reason(validateOrgNumber('55677669')), /10 digits/);
  assert.match(reason(validateOrgNumber('556776-69921')), /10 digits/);
});

test('organisation number: third digit rule, relaxed for sole traders', () => {
  assert.match(reason(validateOrgNumber('9001019802')), /third digit/);
  assert.deepEqual(validateOrgNumber('900101-9802', { allowSoleTrader: true }), {
    ok: true,
    value: '9001019802',
  });
});

test('personnummer in all accepted spellings normalises to 12 digits', () => {
  for (const input of [
    '199001019802',
    '19900101-9802',
    '900101-9802',
    '9001019802',
    ' 19900101+9802 ',
  ]) {
    const parsed = parseIdentityNumber(input, now);
    assert.deepEqual(
      parsed,
      { ok: true, value: { kind: 'personal', value: '199001019802', birthdate: '1990-01-01' } },
      input,
    );
  }
  assert.deepEqual(validatePersonalIdentityNumber('19121212-1212', now), {
    ok: true,
    value: '191212121212',
  });
});

test('the plus sign in the 10-digit form means 100 years or older', () => {
  const parsed = parseIdentityNumber('121212+1212', now);
  assert.equal(parsed.ok && parsed.value.value, '191212121212');
  const young = parseIdentityNumber('121212-1212', now);
  assert.equal(young.ok && young.value.value, '201212121212');
});

test('samordningsnummer: day plus 60', () => {
  const parsed = parseIdentityNumber('19900161-9882', now);
  assert.deepEqual(parsed, {
    ok: true,
    value: { kind: 'coordination', value: '199001619882', birthdate: '1990-01-01' },
  });
  assert.deepEqual(validateCoordinationNumber('199001619882', now), {
    ok: true,
    value: '199001619882',
  });
  assert.match(reason(validateCoordinationNumber('199001019802', now)), /samordningsnummer/);
  assert.match(reason(validatePersonalIdentityNumber('199001619882', now)), /personnummer/);
});

test('identity numbers: bad check digit, impossible or future dates, bad shape', () => {
  assert.match(reason(parseIdentityNumber('199001019803', now)), /check digit/);
  // 19900230: 30 February, check digit made valid so only the date is wrong.
  assert.match(reason(parseIdentityNumber('199002309806', now)), /impossible date/);
  assert.match(reason(parseIdentityNumber('199013019808', now)), /impossible date/);
  assert.match(reason(parseIdentityNumber('199001929802', now)), /impossible date/);
  assert.match(reason(parseIdentityNumber('203001019805', now)), /future/);
  assert.match(reason(parseIdentityNumber('1990-01-01-9802', now)), /YYYYMMDD/);
  assert.match(reason(parseIdentityNumber('', now)), /YYYYMMDD/);
});

test('leap days exist only in leap years', () => {
  assert.equal(parseIdentityNumber('19920229-9849', now).ok, true);
  const notLeap = parseIdentityNumber('19930229-9848', now);
  assert.equal(notLeap.ok, false);
});

test('HSA-ID format', () => {
  assert.deepEqual(validateHsaId('SE2321000016-abc123'), {
    ok: true,
    value: 'SE2321000016-ABC123',
  });
  assert.match(reason(validateHsaId('SE2321000016-')), /looks like/);
  assert.match(reason(validateHsaId('SE232100001-ABC')), /looks like/);
  assert.match(reason(validateHsaId('SE2321000016-ÅÄÖ')), /looks like/);
  assert.match(reason(validateHsaId('SE2321000016-a@b')), /looks like/);
  assert.match(reason(validateHsaId('NO2321000016-ABC')), /looks like/);
  assert.match(reason(validateHsaId('SE2321000017-ABC')), /organisation number/);
  assert.equal(validateHsaId(`SE2321000016-${'A'.repeat(18)}`).ok, true);
  assert.match(reason(validateHsaId(`SE2321000016-${'A'.repeat(19)}`)), /31 characters/);
});

test('GLN with GS1 check digit', () => {
  assert.deepEqual(validateGln('7350000000009'), { ok: true, value: '7350000000009' });
  assert.deepEqual(validateGln('7350012345679'), { ok: true, value: '7350012345679' });
  assert.match(reason(validateGln('7350000000008')), /check digit/);
  assert.match(reason(validateGln('735000000000')), /13 digits/);
  assert.match(reason(validateGln('73500000000O9')), /13 digits/);
});
