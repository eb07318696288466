import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildClaims, claim, toLoginContext } from '../../src/claims/index.ts';
import type { AuthenticatedIdentity } from '../../src/login/authenticated-identity.ts';
import { createLoginPolicy } from '../../src/login/policy/index.ts';
import type { LoginRequest } from '../../src/login/policy/index.ts';
import { bankIdIdentity, commission, now, provider } from '../domain/policy-fixture.ts';
import type { DomainFixture } from '../domain/stores.ts';
import { silentLogger, testOnStores } from '../domain/stores.ts';

/**
 * Security review: any trusted SAML IdP could log in as any staff member by HSA-ID alone
 * and inject commissions and healthcare attributes. Only IdPs in saml.hsaAuthorities (and
 * SITHS cards, validated against the SITHS CAs) are believed for those.
 */
const A = { orgNumber: '5591234561', hsaPrefix: 'SE5591234561' };
const healthcare: LoginRequest = { clientId: 'rp-1', scope: 'openid healthcare' };
const victimHsaId = `${A.hsaPrefix}-KORT1`;

function samlIdentity(hsaAuthority: boolean, extra: Partial<AuthenticatedIdentity> = {}) {
  return bankIdIdentity({
    method: 'siths-federation',
    personalIdentityNumber: undefined,
    amr: ['saml'],
    authnProvider: 'https://idp.example/saml',
    assertingParty: { entityId: 'https://idp.example/saml', hsaAuthority },
    asserted: { employeeHsaId: victimHsaId },
    ...extra,
  });
}

async function setUp(fixture: DomainFixture) {
  const policy = createLoginPolicy({ ...fixture, logger: silentLogger });
  const careProvider = await provider(fixture.domain, A);
  const hsaOnly = await fixture.domain.staff.create(
    {
      givenName: 'Kort',
      familyName: 'Användare',
      engagements: [
        {
          careProviderId: careProvider.id,
          employeeHsaId: victimHsaId,
          commissions: [commission(A.hsaPrefix, 'UPP1', 'Sjuksköterska')],
        },
      ],
    },
    't',
  );
  const numbered = await fixture.domain.staff.create(
    {
      personalIdentityNumber: '199001019802',
      givenName: 'Test',
      familyName: 'Testsson',
      engagements: [
        {
          careProviderId: careProvider.id,
          commissions: [commission(A.hsaPrefix, 'UPP2', 'Läkare')],
        },
      ],
    },
    't',
  );
  return { policy, careProvider, hsaOnly, numbered };
}

testOnStores('an HSA-ID alone logs in only through an HSA authority or a SITHS card', async (f) => {
  const { policy, hsaOnly } = await setUp(f);

  const untrusted = await policy.evaluateLogin(samlIdentity(false), healthcare, now);
  assert.deepEqual(untrusted, { kind: 'refuse', rule: 'not_registered' });
  const unmarked = samlIdentity(false);
  delete unmarked.assertingParty;
  const legacy = await policy.evaluateLogin(unmarked, healthcare, now);
  assert.equal(legacy.kind, 'refuse', 'an identity without its asserting party is not trusted');

  const authority = await policy.evaluateLogin(samlIdentity(true), healthcare, now);
  assert.equal(authority.kind === 'allow' && authority.personId, hsaOnly.personId);
  const card = await policy.evaluateLogin(
    samlIdentity(false, { method: 'siths-card', amr: ['siths'] }),
    healthcare,
    now,
  );
  assert.equal(card.kind === 'allow' && card.personId, hsaOnly.personId);

  const refusals = await f.store.collection('audit').find({ event: 'login.refused' });
  assert.deepEqual(
    refusals.map((event) => event.reason),
    ['not_registered', 'not_registered'],
  );
});

testOnStores('a non-authority must assert the stored personnummer', async (f) => {
  const { policy, numbered } = await setUp(f);
  // Someone else's number with the victim's HSA-ID: neither finds the victim.
  const otherNumber = samlIdentity(false, { personalIdentityNumber: '198503159819' });
  assert.equal((await policy.evaluateLogin(otherNumber, healthcare, now)).kind, 'refuse');

  const ownNumber = samlIdentity(false, { personalIdentityNumber: '199001019802' });
  const outcome = await policy.evaluateLogin(ownNumber, healthcare, now);
  assert.equal(outcome.kind === 'allow' && outcome.personId, numbered.personId);
});

testOnStores('commissions asserted by a non-authority are not offered', async (f) => {
  const { policy, careProvider } = await setUp(f);
  const injected = {
    commissionHsaId: `${A.hsaPrefix}-FAKE1`,
    commissionName: 'Injicerat uppdrag',
    healthCareProviderHsaId: careProvider.hsaId,
  };
  const withCommission = (hsaAuthority: boolean) =>
    samlIdentity(hsaAuthority, {
      personalIdentityNumber: '199001019802',
      asserted: { commissions: [injected] },
    });

  const untrusted = await policy.evaluateLogin(withCommission(false), healthcare, now);
  assert.equal(untrusted.kind, 'allow');
  assert.equal(
    untrusted.kind === 'allow' && untrusted.commission?.commissionHsaId,
    'SE5591234561-UPP2',
  );
  const preselected: LoginRequest = { ...healthcare, loginHint: `commission:${A.hsaPrefix}-FAKE1` };
  const forced = await policy.evaluateLogin(withCommission(false), preselected, now);
  assert.deepEqual(forced.kind === 'refuse' && forced.rule, 'not_registered');

  const trusted = await policy.evaluateLogin(withCommission(true), healthcare, now);
  assert.equal(trusted.kind, 'choose');
  assert.deepEqual(
    trusted.kind === 'choose' && trusted.options.map((o) => o.commission?.commissionHsaId),
    ['SE5591234561-UPP2', 'SE5591234561-FAKE1'],
  );
});

test('claims: healthcare and organisation attributes only from an HSA authority', () => {
  const asserted = {
    employeeHsaId: 'SE5591234561-OTHER',
    systemRoles: ['Admin;Alla'],
    personalPrescriptionCode: '7654321',
    orgNumber: '2321000016',
  };
  const claimsOf = (hsaAuthority: boolean) =>
    buildClaims({
      loginContext: toLoginContext(
        samlIdentity(hsaAuthority, { personalIdentityNumber: '199001019802', asserted }),
        { personId: 'p-1' },
      ),
      staffMember: null,
      careProvider: null,
      client: {},
      use: 'userinfo',
      scope: 'openid https://id.oidc.se/scope/naturalPersonOrgId healthcare',
    });

  const untrusted = claimsOf(false);
  for (const name of [
    claim.employeeHsaId,
    claim.systemRole,
    claim.personalPrescriptionCode,
    claim.orgNumber,
  ]) {
    assert.equal(untrusted[name], undefined, `${name} from a non-authority`);
  }
  const trusted = claimsOf(true);
  assert.equal(trusted[claim.employeeHsaId], 'SE5591234561-OTHER');
  assert.equal(trusted[claim.personalPrescriptionCode], '7654321');
  assert.equal(trusted[claim.orgNumber], '2321000016');
});
