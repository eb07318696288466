import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLoginPolicy } from '../../src/login/policy/index.ts';
import type { LoginRequest } from '../../src/login/policy/index.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { bankIdIdentity, commission, now, provider, staff } from './policy-fixture.ts';
import type { ProviderSetup } from './policy-fixture.ts';
import { fixtureOn, silentLogger } from './stores.ts';

const openid: LoginRequest = { clientId: 'rp-1', scope: 'openid' };
const healthcare: LoginRequest = { clientId: 'rp-1', scope: 'openid healthcare' };
const A = { orgNumber: '5591234561', hsaPrefix: 'SE5591234561' };
const B = { orgNumber: '5560000001', hsaPrefix: 'SE5560000001' };

async function setup() {
  const fixture = await fixtureOn(new MemoryStore());
  const policy = createLoginPolicy({ ...fixture, logger: silentLogger });
  return { ...fixture, policy };
}

async function refusalFor(setupA: Partial<ProviderSetup>, identity = bankIdIdentity()) {
  const { domain, policy } = await setup();
  const careProvider = await provider(domain, { ...A, ...setupA });
  await domain.staff.create(staff([{ careProviderId: careProvider.id }]), 'test');
  return { outcome: await policy.evaluateLogin(identity, openid, now), careProvider };
}

test('not_registered: nobody with that identity number', async () => {
  const { policy, audit } = await setup();
  const outcome = await policy.evaluateLogin(bankIdIdentity(), openid, now);
  assert.deepEqual(outcome, { kind: 'refuse', rule: 'not_registered' });
  const [event] = await audit.query({ personHash: audit.hashPerson('199001019802') });
  assert.equal(event?.event, 'login.refused');
  assert.equal(event?.reason, 'not_registered');
  assert.equal(event?.clientId, 'rp-1');
  assert.doesNotMatch(JSON.stringify(event), /199001019802/);
});

test('not_registered: engagement inactive', async () => {
  const { domain, policy } = await setup();
  const careProvider = await provider(domain, A);
  await domain.staff.create(staff([{ careProviderId: careProvider.id, active: false }]), 't');
  const outcome = await policy.evaluateLogin(bankIdIdentity(), openid, now);
  assert.equal(outcome.kind === 'refuse' && outcome.rule, 'not_registered');
});

test('licence_inactive: none, suspended, not yet valid, ended', async () => {
  for (const licence of [
    null,
    { status: 'suspended' as const },
    { from: '2026-07-01T00:00:00Z' },
    { from: '2025-01-01T00:00:00Z', to: '2026-06-01T10:00:00Z' },
  ]) {
    const { outcome, careProvider } = await refusalFor({ licence });
    assert.deepEqual(
      { ...outcome, personId: undefined },
      {
        kind: 'refuse',
        rule: 'licence_inactive',
        careProviderId: careProvider.id,
        personId: undefined,
      },
      JSON.stringify(licence),
    );
  }
});

test('method_not_allowed: Freja login, BankID-only licence', async () => {
  const freja = bankIdIdentity({ method: 'freja', amr: ['freja'] });
  const { outcome } = await refusalFor({ licence: { methods: ['bankid'] } }, freja);
  assert.equal(outcome.kind === 'refuse' && outcome.rule, 'method_not_allowed');
  const bankid = await refusalFor({ licence: { methods: ['bankid'] } });
  assert.equal(bankid.outcome.kind, 'allow');
});

test('seats_exceeded: more active staff than seats', async () => {
  const { domain, policy } = await setup();
  const careProvider = await provider(domain, { ...A, licence: { seats: 1 } });
  await domain.staff.create(staff([{ careProviderId: careProvider.id }]), 't');
  assert.equal((await policy.evaluateLogin(bankIdIdentity(), openid, now)).kind, 'allow');

  await domain.staff.create(staff([{ careProviderId: careProvider.id }], '198503159819'), 't');
  const outcome = await policy.evaluateLogin(bankIdIdentity(), openid, now);
  assert.equal(outcome.kind === 'refuse' && outcome.rule, 'seats_exceeded');
});

test('declaration_missing_or_expired: none, expired, only submitted', async () => {
  for (const declaration of [null, 'expired', 'submitted'] as const) {
    const { outcome } = await refusalFor({ declaration });
    assert.equal(
      outcome.kind === 'refuse' && outcome.rule,
      'declaration_missing_or_expired',
      declaration ?? 'none',
    );
  }
});

test('allowed with one care provider: no choice, audited', async () => {
  const { domain, policy, audit } = await setup();
  const careProvider = await provider(domain, A);
  const person = await domain.staff.create(staff([{ careProviderId: careProvider.id }]), 't');
  const outcome = await policy.evaluateLogin(bankIdIdentity(), healthcare, now);
  assert.deepEqual(outcome, {
    kind: 'allow',
    personId: person.personId,
    careProviderId: careProvider.id,
  });

  const [event] = (await audit.query({ personHash: audit.hashPerson('199001019802') })).filter(
    (e) => e.event.startsWith('login.'),
  );
  assert.equal(event?.event, 'login.succeeded');
  assert.equal(event?.careProviderId, careProvider.id);
  assert.equal(event?.method, 'bankid');
});

async function twoCommissions() {
  const fixture = await setup();
  const careProvider = await provider(fixture.domain, A);
  const person = await fixture.domain.staff.create(
    staff([
      {
        careProviderId: careProvider.id,
        commissions: [
          commission(A.hsaPrefix, 'UPP1', 'Läkare'),
          commission(A.hsaPrefix, 'UPP2', 'Chef'),
        ],
      },
    ]),
    't',
  );
  return { ...fixture, careProvider, person };
}

test('two commissions and the healthcare scope: choose, then apply the choice', async () => {
  const { policy, careProvider, person, audit } = await twoCommissions();
  const outcome = await policy.evaluateLogin(bankIdIdentity(), healthcare, now);
  assert.equal(outcome.kind, 'choose');
  assert.deepEqual(
    outcome.kind === 'choose' && outcome.options.map((o) => [o.key, o.commission?.name]),
    [
      [`${careProvider.id}/${A.hsaPrefix}-UPP1`, 'Läkare'],
      [`${careProvider.id}/${A.hsaPrefix}-UPP2`, 'Chef'],
    ],
  );
  assert.equal((await audit.query({})).filter((e) => e.event.startsWith('login.')).length, 0);

  const chosen = await policy.applyChoice(
    bankIdIdentity(),
    healthcare,
    `${careProvider.id}/${A.hsaPrefix}-UPP2`,
    now,
  );
  assert.equal(chosen.kind, 'allow');
  assert.equal(chosen.kind === 'allow' && chosen.personId, person.personId);
  assert.equal(
    chosen.kind === 'allow' && chosen.commission?.commissionHsaId,
    `${A.hsaPrefix}-UPP2`,
  );

  await assert.rejects(
    policy.applyChoice(bankIdIdentity(), healthcare, `${careProvider.id}/SE5591234561-NOPE`, now),
    (error: unknown) => error instanceof BryggaError && error.code === 'bad_request',
  );
});

test('two commissions but no healthcare claims requested: no choice', async () => {
  const { policy, careProvider } = await twoCommissions();
  const outcome = await policy.evaluateLogin(bankIdIdentity(), openid, now);
  assert.equal(outcome.kind === 'allow' && outcome.careProviderId, careProvider.id);
  assert.equal(outcome.kind === 'allow' && outcome.commission, undefined);
});

test('pre-selection by claims parameter value and by login_hint', async () => {
  const { policy } = await twoCommissions();
  const byClaims = await policy.evaluateLogin(
    bankIdIdentity(),
    {
      ...healthcare,
      claims: {
        id_token: {
          'http://sambi.se/attributes/1/commissionHsaId': { value: `${A.hsaPrefix}-upp1` },
        },
      },
    },
    now,
  );
  assert.equal(byClaims.kind === 'allow' && byClaims.commission?.name, 'Läkare');

  const byHint = await policy.evaluateLogin(
    bankIdIdentity(),
    { ...openid, loginHint: `commission:${A.hsaPrefix}-UPP2` },
    now,
  );
  assert.equal(byHint.kind === 'allow' && byHint.commission?.name, 'Chef');

  const unknown = await policy.evaluateLogin(
    bankIdIdentity(),
    { ...healthcare, loginHint: `commission:${A.hsaPrefix}-UPP9` },
    now,
  );
  assert.equal(unknown.kind === 'refuse' && unknown.rule, 'not_registered');
});

test('two care providers: organisation claims need a choice, openid alone does not', async () => {
  const { domain, policy } = await setup();
  const a = await provider(domain, A);
  const b = await provider(domain, B);
  await domain.staff.create(staff([{ careProviderId: a.id }, { careProviderId: b.id }]), 't');

  const plain = await policy.evaluateLogin(bankIdIdentity(), openid, now);
  assert.equal(plain.kind, 'allow');
  assert.equal(plain.kind === 'allow' && plain.careProviderId, undefined);

  const orgId = { ...openid, scope: 'openid https://id.oidc.se/scope/naturalPersonOrgId' };
  const choose = await policy.evaluateLogin(bankIdIdentity(), orgId, now);
  assert.deepEqual(
    choose.kind === 'choose' && choose.options.map((o) => o.key).sort(),
    [a.id, b.id].sort(),
  );

  const byOrg = await policy.evaluateLogin(
    bankIdIdentity(),
    { ...orgId, loginHint: `orgNumber:${B.orgNumber}` },
    now,
  );
  assert.equal(byOrg.kind === 'allow' && byOrg.careProviderId, b.id);
});

test('a failing care provider is skipped; with none passing the furthest rule is named', async () => {
  const { domain, policy } = await setup();
  const a = await provider(domain, { ...A, licence: null });
  const b = await provider(domain, { ...B, declaration: 'expired' });
  await domain.staff.create(staff([{ careProviderId: a.id }, { careProviderId: b.id }]), 't');
  const outcome = await policy.evaluateLogin(bankIdIdentity(), healthcare, now);
  assert.equal(outcome.kind, 'refuse');
  assert.equal(outcome.kind === 'refuse' && outcome.rule, 'declaration_missing_or_expired');
  assert.equal(outcome.kind === 'refuse' && outcome.careProviderId, b.id);

  const { domain: d2, policy: p2 } = await setup();
  const ok = await provider(d2, A);
  const bad = await provider(d2, { ...B, declaration: 'expired' });
  await d2.staff.create(staff([{ careProviderId: bad.id }, { careProviderId: ok.id }]), 't');
  const allowed = await p2.evaluateLogin(bankIdIdentity(), healthcare, now);
  assert.equal(allowed.kind === 'allow' && allowed.careProviderId, ok.id);
});

test("an HSA authority's identity without a number is found by HSA-ID; its commissions join", async () => {
  const { domain, policy } = await setup();
  const careProvider = await provider(domain, A);
  const person = await domain.staff.create(
    {
      givenName: 'Kort',
      familyName: 'Användare',
      engagements: [
        {
          careProviderId: careProvider.id,
          employeeHsaId: `${A.hsaPrefix}-KORT1`,
          commissions: [commission(A.hsaPrefix, 'UPP1', 'Sjuksköterska')],
        },
      ],
    },
    't',
  );
  const siths = bankIdIdentity({
    method: 'siths-federation',
    personalIdentityNumber: undefined,
    amr: ['siths'],
    assertingParty: { entityId: 'https://idp.inera.example/saml', hsaAuthority: true },
    asserted: {
      employeeHsaId: `${A.hsaPrefix}-kort1`,
      commissions: [
        {
          commissionHsaId: `${A.hsaPrefix}-UPP7`,
          commissionName: 'Ny',
          healthCareProviderHsaId: `${A.hsaPrefix}-VG`,
        },
        {
          commissionHsaId: 'SE5560000001-X',
          commissionName: 'Annan',
          healthCareProviderHsaId: 'SE5560000001-VG',
        },
      ],
    },
  });
  const outcome = await policy.evaluateLogin(siths, healthcare, now);
  assert.equal(outcome.kind, 'choose');
  assert.equal(outcome.kind === 'choose' && outcome.personId, person.personId);
  assert.deepEqual(outcome.kind === 'choose' && outcome.options.map((o) => o.commission?.name), [
    'Sjuksköterska',
    'Ny',
  ]);

  const wrongNumber = { ...siths, personalIdentityNumber: '198503159819' };
  await domain.staff.update(
    person.personId,
    1,
    { ...staff(person.engagements), givenName: 'Kort' },
    't',
  );
  const mismatch = await policy.evaluateLogin(wrongNumber, healthcare, now);
  assert.equal(mismatch.kind === 'refuse' && mismatch.rule, 'not_registered');
});

test('allowedMethodsFor: all before the person is known, the licence when pre-selected', async () => {
  const { domain, policy } = await setup();
  await provider(domain, { ...A, licence: { methods: ['siths-card', 'freja'] } });
  assert.equal(await policy.allowedMethodsFor(openid, now), 'all');
  assert.deepEqual(
    (
      await policy.allowedMethodsFor({ ...openid, loginHint: `orgNumber:${A.orgNumber}` }, now)
    ).toString(),
    'siths-card,freja',
  );
  assert.equal(
    await policy.allowedMethodsFor({ ...openid, loginHint: 'orgNumber:5560000001' }, now),
    'all',
  );
});
