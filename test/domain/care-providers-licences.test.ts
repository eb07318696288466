import assert from 'node:assert/strict';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { careProviderInput, ids } from './inputs.ts';
import { testOnStores } from './stores.ts';

function rejectsWith(code: string, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof BryggaError, String(error));
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  };
}

testOnStores('care provider: create, read, update with version', async ({ domain, audit }) => {
  const created = await domain.careProviders.create(
    careProviderInput({ orgNumber: '559123-4561' }),
    'admin-1',
  );
  assert.equal(created.orgNumber, ids.orgNumber);
  assert.equal(created.version, 1);
  assert.equal(created.status, 'active');
  assert.deepEqual(await domain.careProviders.findByOrgNumber(ids.orgNumber), created);

  const updated = await domain.careProviders.update(
    created.id,
    1,
    careProviderInput({ name: 'Nya Testvården AB', hsaId: undefined }),
    'admin-1',
  );
  assert.equal(updated.version, 2);
  assert.equal(updated.name, 'Nya Testvården AB');
  assert.equal('hsaId' in updated, false);

  await assert.rejects(
    domain.careProviders.update(created.id, 1, careProviderInput(), 'admin-2'),
    rejectsWith('conflict'),
  );
  await assert.rejects(
    domain.careProviders.update('missing', 1, careProviderInput(), 'admin-2'),
    rejectsWith('not_found'),
  );

  const events = await audit.query({ careProviderId: created.id });
  assert.deepEqual(
    events.map((event) => [event.event, event.actor, event.details?.change]).sort(),
    [
      ['domain.changed', 'admin-1', 'created'],
      ['domain.changed', 'admin-1', 'updated'],
    ],
  );
});

testOnStores('care provider: bad input names the field', async ({ domain }) => {
  const cases: [object, RegExp][] = [
    [{ orgNumber: '5591234562' }, /^orgNumber: .*check digit/],
    [{ orgNumber: '9001019802' }, /^orgNumber: .*third digit/],
    [{ kind: 'pharmacy' }, /^gln: a pharmacy needs a GLN/],
    [{ gln: ids.gln }, /^gln: only pharmacies/],
    [{ kind: 'pharmacy', gln: '7350000000008' }, /^gln: .*check digit/],
    [{ hsaId: 'SE123' }, /^hsaId: /],
    [{ kind: 'hospital' }, /^kind: /],
    [{ contacts: [{ name: 'X', email: 'not-an-email' }] }, /^contacts\.0\.email: /],
  ];
  for (const [overrides, message] of cases) {
    await assert.rejects(
      domain.careProviders.create(careProviderInput(overrides), 'admin'),
      rejectsWith('bad_request', message),
    );
  }
  const prescriber = await domain.careProviders.create(
    careProviderInput({ kind: 'private-prescriber', orgNumber: '9001019802', hsaId: undefined }),
    'admin',
  );
  assert.equal(prescriber.orgNumber, '9001019802');
});

testOnStores('care provider: organisation number and HSA-ID are unique', async ({ domain }) => {
  await domain.careProviders.create(careProviderInput(), 'admin');
  await assert.rejects(
    domain.careProviders.create(careProviderInput({ hsaId: undefined }), 'admin'),
    rejectsWith('duplicate_key', /^orgNumber/),
  );
  await assert.rejects(
    domain.careProviders.create(careProviderInput({ orgNumber: ids.otherOrgNumber }), 'admin'),
    rejectsWith('duplicate_key', /^hsaId/),
  );
});

testOnStores('licence: validation, dates and in-force lookup', async ({ domain }) => {
  const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
  const base = {
    careProviderId: careProvider.id,
    validFrom: '2026-01-01T00:00:00Z',
    validTo: '2027-01-01T00:00:00Z',
    seats: 5,
    allowedMethods: ['bankid', 'siths-card'] as const,
  };
  const licence = await domain.licences.create({ ...base, allowedMethods: ['bankid'] }, 'admin');
  assert.ok(licence.validFrom instanceof Date);

  const inside = new Date('2026-06-01T00:00:00Z');
  assert.deepEqual(
    (await domain.licences.inForce(careProvider.id, inside)).map((l) => l.id),
    [licence.id],
  );
  assert.deepEqual(await domain.licences.inForce(careProvider.id, new Date('2027-01-01Z')), []);
  assert.deepEqual(await domain.licences.inForce(careProvider.id, new Date('2025-12-31Z')), []);

  const suspended = await domain.licences.update(
    licence.id,
    1,
    { ...base, allowedMethods: ['bankid'], status: 'suspended' },
    'admin',
  );
  assert.equal(suspended.version, 2);
  assert.deepEqual(await domain.licences.inForce(careProvider.id, inside), []);

  await assert.rejects(
    domain.licences.create(
      { ...base, validTo: '2025-01-01T00:00:00Z', allowedMethods: ['bankid'] },
      'a',
    ),
    rejectsWith('bad_request', /^validTo: /),
  );
  await assert.rejects(
    domain.licences.create({ ...base, allowedMethods: ['bankid', 'bankid'] }, 'a'),
    rejectsWith('bad_request', /^allowedMethods: /),
  );
  await assert.rejects(
    domain.licences.create({ ...base, allowedMethods: ['bankid'], careProviderId: 'nope' }, 'a'),
    rejectsWith('not_found'),
  );
});
