import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalText, refusalRules, renderChoicePage } from '../../src/login/policy/index.ts';
import type { LoginOption } from '../../src/login/policy/index.ts';

const options: LoginOption[] = [
  {
    key: 'cp-1/SE5591234561-UPP1',
    careProviderId: 'cp-1',
    careProviderName: 'Testvården <AB>',
    orgNumber: '5591234561',
    commission: {
      commissionHsaId: 'SE5591234561-UPP1',
      name: 'Läkare "akut"',
      purpose: 'Vård och behandling',
      careUnitName: 'Akuten',
    },
  },
  {
    key: 'cp-2',
    careProviderId: 'cp-2',
    careProviderName: 'Apoteket Test',
    orgNumber: '5560000001',
  },
];

test('choice page lists every option as a radio button, escaped', () => {
  const sv = flat(
    renderChoicePage({
      options,
      language: 'sv',
      action: '/interaction/u1/choose',
      hidden: { csrf: 'x"y' },
    }),
  );
  assert.match(sv, /<html lang="sv">/);
  assert.match(sv, /Välj vårdgivare och uppdrag/);
  assert.match(sv, /action="\/interaction\/u1\/choose"/);
  assert.match(sv, /name="option" value="cp-1\/SE5591234561-UPP1" required checked/);
  assert.match(sv, /name="option" value="cp-2" required \/?>/);
  assert.match(sv, /Testvården &lt;AB&gt;/);
  assert.match(sv, /Läkare &quot;akut&quot;/);
  assert.match(sv, /Vårdenhet: Akuten/);
  assert.match(sv, /name="csrf" value="x&quot;y"/);
  assert.doesNotMatch(sv, /<script>/);

  const en = flat(renderChoicePage({ options, language: 'en', action: '/x' }));
  assert.match(en, /Choose care provider and commission/);
  assert.match(en, /Care unit: Akuten/);
});

test('every refusal rule has a Swedish and an English text', () => {
  for (const rule of refusalRules) {
    assert.ok(refusalText(rule, 'sv').length > 20, rule);
    assert.ok(refusalText(rule, 'en').length > 20, rule);
    assert.notEqual(refusalText(rule, 'sv'), refusalText(rule, 'en'));
  }
});

function flat(markup: string): string {
  return markup.replace(/\s+/g, ' ');
}
