import assert from 'node:assert/strict';
import { toLoginContext } from '../../src/claims/index.ts';
import { createLoginPolicy } from '../../src/login/policy/index.ts';
import type { Licence } from '../../src/domain/model/licence.ts';
import { bankIdIdentity, commission, now, provider, staff } from '../domain/policy-fixture.ts';
import type { DomainFixture } from '../domain/stores.ts';
import { silentLogger, testOnStores } from '../domain/stores.ts';

/**
 * Security review: deactivation, licence suspension or expiry and declaration expiry were
 * not enforced for logins already made. policy.stillAllowed re-runs the rules each time a
 * grant or session is used (src/oidc/find-account.ts); these are its rules one by one.
 */
const A = { orgNumber: '5591234561', hsaPrefix: 'SE5591234561' };

async function loggedIn(fixture: DomainFixture) {
  const policy = createLoginPolicy({ ...fixture, logger: silentLogger });
  const careProvider = await provider(fixture.domain, {
    ...A,
    licence: { to: '2030-01-01T00:00:00Z' },
  });
  const person = await fixture.domain.staff.create(
    staff([
      { careProviderId: careProvider.id, commissions: [commission(A.hsaPrefix, 'UPP1', 'Läkare')] },
    ]),
    't',
  );
  const [engagement] = person.engagements;
  const login = toLoginContext(bankIdIdentity(), {
    personId: person.personId,
    careProviderId: careProvider.id,
    commission: engagement!.commissions[0]!,
  });
  const [licence] = await fixture.domain.licences.listForCareProvider(careProvider.id);
  return { policy, careProvider, person, login, licence: licence! };
}

async function reasons(fixture: DomainFixture): Promise<unknown[]> {
  const events = await fixture.store.collection('audit').find({ event: 'login.refused' });
  return events.map((event) => event.reason);
}

function licenceInput(licence: Licence, change: Partial<Licence>) {
  const { careProviderId, validFrom, validTo, seats, allowedMethods, status } = licence;
  return { careProviderId, validFrom, validTo, seats, allowedMethods, status, ...change };
}

testOnStores('stillAllowed: deactivated, or the commission removed', async (f) => {
  const { policy, person, login } = await loggedIn(f);
  assert.equal(await policy.stillAllowed(login, 'rp-1', now), true);

  const [engagement] = person.engagements;
  const withoutCommission = { ...engagement!, commissions: [] };
  const changed = await f.domain.staff.update(
    person.personId,
    person.version,
    staff([withoutCommission]),
    't',
  );
  assert.equal(await policy.stillAllowed(login, 'rp-1', now), false, 'commission removed');
  const { commission: _chosen, ...careProviderOnly } = login;
  assert.equal(await policy.stillAllowed(careProviderOnly, 'rp-1', now), true);

  await f.domain.staff.update(
    person.personId,
    changed.version,
    staff([{ ...withoutCommission, active: false }]),
    't',
  );
  assert.equal(await policy.stillAllowed(careProviderOnly, 'rp-1', now), false, 'deactivated');
  assert.deepEqual(await reasons(f), [
    'revalidation:not_registered',
    'revalidation:not_registered',
  ]);
  const [event] = await f.store.collection('audit').find({ reason: 'revalidation:not_registered' });
  assert.equal(event?.clientId, 'rp-1');
  assert.equal(event?.personId, person.personId);
  assert.doesNotMatch(JSON.stringify(event), /199001019802/, 'no identity number in the audit');
});

testOnStores('stillAllowed: licence suspended, method withdrawn, licence ended', async (f) => {
  const { policy, login, licence } = await loggedIn(f);
  const suspended = await f.domain.licences.update(
    licence.id,
    licence.version,
    licenceInput(licence, { status: 'suspended' }),
    't',
  );
  assert.equal(await policy.stillAllowed(login, 'rp-1', now), false);
  const freja = await f.domain.licences.update(
    licence.id,
    suspended.version,
    licenceInput(suspended, { status: 'active', allowedMethods: ['freja'] }),
    't',
  );
  assert.equal(await policy.stillAllowed(login, 'rp-1', now), false);
  await f.domain.licences.update(
    licence.id,
    freja.version,
    licenceInput(freja, { allowedMethods: ['bankid'] }),
    't',
  );
  assert.equal(await policy.stillAllowed(login, 'rp-1', now), true);
  assert.equal(await policy.stillAllowed(login, 'rp-1', new Date('2030-01-02Z')), false);
  assert.deepEqual(await reasons(f), [
    'revalidation:licence_inactive',
    'revalidation:method_not_allowed',
    'revalidation:licence_inactive',
  ]);
});

testOnStores('stillAllowed: the self-declaration expired; another person', async (f) => {
  const { policy, login } = await loggedIn(f);
  // Approved 2026-02-01 for twelve months (policy-fixture); the licence runs to 2030.
  assert.equal(await policy.stillAllowed(login, 'rp-1', new Date('2027-01-15Z')), true);
  assert.equal(await policy.stillAllowed(login, 'rp-1', new Date('2027-03-01Z')), false);
  assert.equal(
    await policy.stillAllowed({ ...login, personalIdentityNumber: '198503159819' }, 'rp-1', now),
    false,
    'the record now holds another identity number than the one that logged in',
  );
  assert.equal(await policy.stillAllowed({ ...login, personId: 'gone' }, 'rp-1', now), false);
  assert.deepEqual(await reasons(f), [
    'revalidation:declaration_missing_or_expired',
    'revalidation:not_registered',
    'revalidation:not_registered',
  ]);
});
