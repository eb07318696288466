import assert from 'node:assert/strict';
import type { StaffMemberInput } from '../../src/domain/model/staff-member.ts';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { careProviderInput, ids } from './inputs.ts';
import { testOnStores } from './stores.ts';

function hasCode(code: string, message?: RegExp) {
  return (error: unknown) =>
    error instanceof BryggaError &&
    error.code === code &&
    (!message || message.test(error.message));
}

function staffInput(careProviderId: string, overrides: Partial<StaffMemberInput> = {}) {
  return {
    personalIdentityNumber: '19900101-9802',
    givenName: 'Test',
    familyName: 'Testsson',
    engagements: [
      {
        careProviderId,
        employeeHsaId: `${ids.hsaPrefix}-abc123`,
        personalPrescriptionCode: '1234567',
        healthcareProfessionalLicenses: ['LK'],
        commissions: [
          {
            commissionHsaId: `${ids.hsaPrefix}-upp001`,
            name: 'Läkare vårdcentral',
            purpose: 'Vård och behandling',
          },
        ],
      },
    ],
    ...overrides,
  } satisfies StaffMemberInput;
}

function withHsaId(input: ReturnType<typeof staffInput>, employeeHsaId: string) {
  return {
    ...input,
    engagements: input.engagements.map((engagement) => ({ ...engagement, employeeHsaId })),
  };
}

testOnStores(
  'staff: create, normalise, look up by number and HSA-ID',
  async ({ domain, audit }) => {
    const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
    const staff = await domain.staff.create(staffInput(careProvider.id), 'admin');

    assert.match(staff.personId, /^[0-9a-f-]{36}$/);
    assert.equal(staff.personalIdentityNumber, ids.personnummer);
    assert.equal(staff.engagements[0]?.employeeHsaId, `${ids.hsaPrefix}-ABC123`);
    assert.equal(staff.engagements[0]?.active, true);
    assert.deepEqual(staff.engagements[0]?.groupPrescriptionCodes, []);

    assert.equal(
      (await domain.staff.findByIdentityNumber(ids.personnummer))?.personId,
      staff.personId,
    );
    assert.equal(
      (await domain.staff.findByEmployeeHsaId(`${ids.hsaPrefix}-abc123`))?.personId,
      staff.personId,
    );
    assert.equal(await domain.staff.findByIdentityNumber(ids.otherPersonnummer), null);

    const [event] = await audit.query({ personHash: audit.hashPerson(ids.personnummer) });
    assert.equal(event?.details?.entity, 'staffMember');
    assert.equal(event?.personId, staff.personId);
    assert.doesNotMatch(JSON.stringify(event), new RegExp(ids.personnummer));
  },
);

testOnStores('staff: identity numbers and HSA-IDs are unique', async ({ domain }) => {
  const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
  const first = await domain.staff.create(staffInput(careProvider.id), 'admin');

  const samePerson = withHsaId(staffInput(careProvider.id), `${ids.hsaPrefix}-other`);
  await assert.rejects(
    domain.staff.create(samePerson, 'admin'),
    hasCode('duplicate_key', /^personalIdentityNumber/),
  );

  const sameHsa = staffInput(careProvider.id, { personalIdentityNumber: ids.otherPersonnummer });
  await assert.rejects(
    domain.staff.create(sameHsa, 'admin'),
    hasCode('duplicate_key', /^employeeHsaId/),
  );

  // Moving the HSA-ID away from the first person frees it for the second.
  const moved = withHsaId(staffInput(careProvider.id), `${ids.hsaPrefix}-new1`);
  const updated = await domain.staff.update(first.personId, 1, moved, 'admin');
  assert.equal(updated.version, 2);
  const second = await domain.staff.create(sameHsa, 'admin');
  assert.equal(second.engagements[0]?.employeeHsaId, `${ids.hsaPrefix}-ABC123`);

  await assert.rejects(domain.staff.update(first.personId, 1, moved, 'admin'), hasCode('conflict'));
});

testOnStores('staff: input rules name the field', async ({ domain }) => {
  const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
  const cases: [Partial<StaffMemberInput>, RegExp][] = [
    [{ personalIdentityNumber: '199001019803' }, /^personalIdentityNumber: .*check digit/],
    [
      { personalIdentityNumber: ids.coordinationNumber },
      /^personalIdentityNumber: .*not a personnummer/,
    ],
    [{ coordinationNumber: ids.coordinationNumber }, /^coordinationNumber: .*not both/],
    [{ personalIdentityNumber: undefined, engagements: [] }, /^personalIdentityNumber: .*required/],
    [{ givenName: '' }, /^givenName: /],
    [
      { engagements: [{ careProviderId: 'nope' }] },
      /^engagements\.0\.careProviderId: no such care provider/,
    ],
    [
      { engagements: [{ careProviderId: careProvider.id }, { careProviderId: careProvider.id }] },
      /^engagements: one engagement per care provider/,
    ],
  ];
  for (const [overrides, message] of cases) {
    await assert.rejects(
      domain.staff.create(staffInput(careProvider.id, overrides), 'admin'),
      hasCode('bad_request', message),
    );
  }

  const sithsOnly = staffInput(careProvider.id, { personalIdentityNumber: undefined });
  const created = await domain.staff.create(sithsOnly, 'admin');
  assert.equal(created.personalIdentityNumber, undefined);
});

testOnStores('staff: a seat is one active staff member', async ({ domain }) => {
  const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
  const other = await domain.careProviders.create(
    careProviderInput({ orgNumber: ids.otherOrgNumber, hsaId: undefined }),
    'admin',
  );
  await domain.staff.create(
    staffInput(careProvider.id, {
      engagements: [
        { careProviderId: careProvider.id },
        { careProviderId: other.id, active: false },
      ],
    }),
    'admin',
  );
  await domain.staff.create(
    staffInput(careProvider.id, {
      personalIdentityNumber: ids.otherPersonnummer,
      engagements: [{ careProviderId: careProvider.id }],
    }),
    'admin',
  );
  assert.equal(await domain.staff.countActiveSeats(careProvider.id), 2);
  assert.equal(await domain.staff.countActiveSeats(other.id), 0);
  assert.equal((await domain.staff.listForCareProvider(other.id)).length, 1);
});
