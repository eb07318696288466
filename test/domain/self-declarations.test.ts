import assert from 'node:assert/strict';
import { BryggaError } from '../../src/errors/brygga-error.ts';
import { careProviderInput, completeDeclaration, ids } from './inputs.ts';
import { testOnStores } from './stores.ts';

const day = 86_400_000;

function hasCode(code: string) {
  return (error: unknown) => error instanceof BryggaError && error.code === code;
}

testOnStores(
  'self-declaration: draft → submitted → approved, valid 12 months',
  async ({ domain }) => {
    const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
    const draft = await domain.selfDeclarations.createDraft(
      careProvider.id,
      { answers: {} },
      'cp-admin',
    );
    assert.equal(draft.status, 'draft');

    await assert.rejects(
      domain.selfDeclarations.submit(draft.id, 1, 'cp-admin'),
      (error: unknown) =>
        hasCode('bad_request')(error) && /informationSecurityManagement/.test(String(error)),
    );

    const filled = await domain.selfDeclarations.updateDraft(
      draft.id,
      1,
      completeDeclaration(),
      'cp-admin',
    );
    assert.equal(filled.version, 2);
    const submitted = await domain.selfDeclarations.submit(draft.id, 2, 'cp-admin');
    assert.equal(submitted.status, 'submitted');
    assert.equal(submitted.submittedBy, 'cp-admin');

    await assert.rejects(
      domain.selfDeclarations.updateDraft(draft.id, 3, completeDeclaration(), 'cp-admin'),
      hasCode('conflict'),
    );

    const approvedAt = new Date('2026-01-31T10:00:00Z');
    const approved = await domain.selfDeclarations.approve(
      draft.id,
      3,
      'reviewer-1',
      'OK',
      approvedAt,
    );
    assert.equal(approved.status, 'approved');
    assert.deepEqual(approved.validUntil, new Date('2027-01-31T10:00:00Z'));
    assert.deepEqual(approved.reviews, [
      { decision: 'approved', reviewer: 'reviewer-1', at: approvedAt, comment: 'OK' },
    ]);

    assert.equal(
      (await domain.selfDeclarations.inForce(careProvider.id, new Date('2026-06-01Z')))?.id,
      draft.id,
    );
    assert.equal(
      await domain.selfDeclarations.inForce(careProvider.id, new Date('2027-02-01Z')),
      null,
    );

    // A second reviewer acting on the version they read cannot decide again.
    await assert.rejects(
      domain.selfDeclarations.returnWithComments(draft.id, 3, 'reviewer-2', 'No'),
      hasCode('conflict'),
    );
  },
);

testOnStores('self-declaration: returned with comments, then resubmitted', async ({ domain }) => {
  const careProvider = await domain.careProviders.create(careProviderInput(), 'admin');
  const draft = await domain.selfDeclarations.createDraft(
    careProvider.id,
    completeDeclaration(),
    'a',
  );
  await domain.selfDeclarations.submit(draft.id, 1, 'a');

  await assert.rejects(
    domain.selfDeclarations.returnWithComments(draft.id, 2, 'reviewer', '  '),
    hasCode('bad_request'),
  );
  const returned = await domain.selfDeclarations.returnWithComments(
    draft.id,
    2,
    'reviewer',
    'Describe the leaver routine.',
  );
  assert.equal(returned.status, 'returned');
  assert.equal(returned.reviews[0]?.comment, 'Describe the leaver routine.');
  assert.equal(await domain.selfDeclarations.inForce(careProvider.id, new Date()), null);

  const again = await domain.selfDeclarations.submit(draft.id, 3, 'a');
  assert.equal(again.status, 'submitted');
  await assert.rejects(
    domain.selfDeclarations.approve(draft.id, 3, 'r', undefined),
    hasCode('conflict'),
  );
  const approved = await domain.selfDeclarations.approve(draft.id, 4, 'reviewer', undefined);
  assert.deepEqual(
    approved.reviews.map((review) => review.decision),
    ['returned', 'approved'],
  );
});

testOnStores('self-declaration: reminders for approvals ending soon', async ({ domain }) => {
  const soon = await domain.careProviders.create(careProviderInput(), 'admin');
  const later = await domain.careProviders.create(
    careProviderInput({ orgNumber: ids.otherOrgNumber, hsaId: undefined }),
    'admin',
  );
  const now = new Date('2026-06-01T00:00:00Z');

  async function approvedOn(careProviderId: string, at: Date) {
    const draft = await domain.selfDeclarations.createDraft(
      careProviderId,
      completeDeclaration(),
      'a',
    );
    await domain.selfDeclarations.submit(draft.id, 1, 'a', at);
    return domain.selfDeclarations.approve(draft.id, 2, 'reviewer', undefined, at);
  }
  const old = await approvedOn(soon.id, new Date(now.getTime() - 350 * day));
  await approvedOn(later.id, new Date(now.getTime() - 100 * day));

  const due = await domain.selfDeclarations.remindersDue(now, 30);
  assert.deepEqual(due, [
    {
      careProviderId: soon.id,
      declarationId: old.id,
      validUntil: old.validUntil,
      expired: false,
      renewalSubmitted: false,
    },
  ]);

  const renewal = await domain.selfDeclarations.createDraft(soon.id, completeDeclaration(), 'a');
  await domain.selfDeclarations.submit(renewal.id, 1, 'a');
  const afterExpiry = await domain.selfDeclarations.remindersDue(
    new Date(now.getTime() + 20 * day),
    1,
  );
  assert.equal(afterExpiry.length, 1);
  assert.equal(afterExpiry[0]?.expired, true);
  assert.equal(afterExpiry[0]?.renewalSubmitted, true);
});
