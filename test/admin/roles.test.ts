import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { declarationItems } from '../../src/domain/model/self-declaration.ts';
import { openTestStore } from '../support/store.ts';
import type { AdminHarness, ApiResponse } from './harness.ts';
import { field, freshOrgNumber, startAdminHarness } from './harness.ts';

let harness: AdminHarness;
let operator: string;
let adminA: string;
let adminB: string;
let providerA: string;
let providerB: string;

const personnummer = '199001019802';

async function createProvider(name: string): Promise<string> {
  const response = await harness.call('POST', '/care-providers', {
    token: operator,
    body: { orgNumber: freshOrgNumber(), name, kind: 'private-care-provider' },
  });
  assert.equal(response.status, 201, response.text);
  return field(response, 'id');
}

before(async () => {
  harness = await startAdminHarness(await openTestStore());
  operator = await harness.tokenFor({ operator: true });
  providerA = await createProvider('Vårdgivare A');
  providerB = await createProvider('Vårdgivare B');
  adminA = await harness.tokenFor({ careProviderId: providerA });
  adminB = await harness.tokenFor({ careProviderId: providerB });
});
after(() => harness.stop());

function errorsOf(response: ApiResponse): { field: string; message: string }[] {
  return field(response, 'errors');
}

test('the operator registers care providers; their admins may not', async () => {
  const refused = await harness.call('POST', '/care-providers', {
    token: adminA,
    body: { orgNumber: freshOrgNumber(), name: 'Egen', kind: 'region' },
  });
  assert.equal(refused.status, 403);

  const mine = await harness.call('GET', '/care-providers', { token: adminA });
  assert.deepEqual(
    field<{ id: string }[]>(mine, 'careProviders').map((c) => c.id),
    [providerA],
    'a care-provider admin lists only its own',
  );
  const all = await harness.call('GET', '/care-providers', { token: operator });
  assert.ok(field<unknown[]>(all, 'careProviders').length > 2, 'the operator sees every one');
});

test('cross-tenant access is refused with 403', async () => {
  for (const path of [
    `/care-providers/${providerB}`,
    `/care-providers/${providerB}/licences`,
    `/care-providers/${providerB}/self-declarations`,
    `/staff?careProviderId=${providerB}`,
  ]) {
    const response = await harness.call('GET', path, { token: adminA });
    assert.equal(response.status, 403, path);
  }
  const draft = await harness.call('POST', `/care-providers/${providerB}/self-declarations`, {
    token: adminA,
    body: {},
  });
  assert.equal(draft.status, 403);
  const staff = await harness.call('POST', '/staff', {
    token: adminA,
    body: {
      givenName: 'Ina',
      familyName: 'Intrång',
      personalIdentityNumber: '198503159819',
      engagements: [{ careProviderId: providerB }],
    },
  });
  assert.equal(staff.status, 403);
  assert.match(field(staff, 'detail'), /^engagements\.0\.careProviderId:/);
});

test('validation errors are 400 problem+json naming each field', async () => {
  const response = await harness.call('POST', '/care-providers', {
    token: operator,
    body: { orgNumber: '5591234562', name: '', kind: 'hospital' },
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const fields = errorsOf(response).map((e) => e.field);
  assert.ok(fields.includes('name'), JSON.stringify(fields));
  assert.ok(fields.includes('kind'), JSON.stringify(fields));

  const orgNumber = await harness.call('POST', '/care-providers', {
    token: operator,
    body: { orgNumber: '5591234562', name: 'Fel', kind: 'region' },
  });
  assert.deepEqual(errorsOf(orgNumber), [
    { field: 'orgNumber', message: 'the organisation number check digit is wrong' },
  ]);

  const malformed = await harness.call('POST', '/care-providers', { token: operator, raw: '{' });
  assert.equal(malformed.status, 400);
  assert.equal(errorsOf(malformed)[0]?.field, 'body');
});

test('concurrent edits: If-Match is required, a stale version gets 412, nothing is lost', async () => {
  const read = await harness.call('GET', `/care-providers/${providerA}`, { token: operator });
  const etag = read.headers.get('etag') ?? '';
  assert.match(etag, /^"\d+"$/);
  const body = { ...(read.json as Record<string, unknown>) };
  const input = { orgNumber: body.orgNumber, kind: body.kind, contacts: body.contacts };

  const withoutIfMatch = await harness.call('PUT', `/care-providers/${providerA}`, {
    token: operator,
    body: { ...input, name: 'Utan version' },
  });
  assert.equal(withoutIfMatch.status, 428);

  const first = await harness.call('PUT', `/care-providers/${providerA}`, {
    token: operator,
    ifMatch: etag,
    body: { ...input, name: 'Första admin' },
  });
  assert.equal(first.status, 200);
  assert.notEqual(first.headers.get('etag'), etag);

  const second = await harness.call('PUT', `/care-providers/${providerA}`, {
    token: operator,
    ifMatch: etag,
    body: { ...input, name: 'Andra admin' },
  });
  assert.equal(second.status, 412);
  assert.equal(field(second, 'type'), 'urn:brygga:problem:precondition_failed');
  const after = await harness.call('GET', `/care-providers/${providerA}`, { token: operator });
  assert.equal(field(after, 'name'), 'Första admin');
});

test('self-declaration: the care provider drafts and submits, the operator returns and approves', async () => {
  const created = await harness.call('POST', `/care-providers/${providerA}/self-declarations`, {
    token: adminA,
    body: {},
  });
  assert.equal(created.status, 201);
  const id = field(created, 'id');
  const path = `/self-declarations/${id}`;

  const early = await harness.call('POST', `${path}/submit`, {
    token: adminA,
    ifMatch: created.headers.get('etag') ?? '',
  });
  assert.equal(early.status, 400);
  assert.match(field(early, 'detail'), /^answers: missing informationSecurityManagement/);

  const answers = Object.fromEntries(
    declarationItems.map((item) => [item, { fulfilled: true, description: `Vi gör ${item}.` }]),
  );
  const complete = {
    answers,
    responsiblePerson: { name: 'Ansvarig', role: 'CISO' },
    signedOn: '2026-01-15',
  };
  const edited = await harness.call('PUT', path, {
    token: adminA,
    ifMatch: created.headers.get('etag') ?? '',
    body: complete,
  });
  assert.equal(edited.status, 200, edited.text);
  const submitted = await harness.call('POST', `${path}/submit`, {
    token: adminA,
    ifMatch: edited.headers.get('etag') ?? '',
  });
  assert.equal(field(submitted, 'status'), 'submitted');

  const selfApproval = await harness.call('POST', `${path}/approve`, {
    token: adminA,
    ifMatch: submitted.headers.get('etag') ?? '',
    body: {},
  });
  assert.equal(selfApproval.status, 403, 'only the operator reviews');

  const noComment = await harness.call('POST', `${path}/return`, {
    token: operator,
    ifMatch: submitted.headers.get('etag') ?? '',
    body: { comment: ' ' },
  });
  assert.deepEqual(errorsOf(noComment), [{ field: 'comment', message: 'say what to fix' }]);
  const returned = await harness.call('POST', `${path}/return`, {
    token: operator,
    ifMatch: submitted.headers.get('etag') ?? '',
    body: { comment: 'Beskriv incidentrapporteringen närmare.' },
  });
  assert.equal(field(returned, 'status'), 'returned');

  const resubmitted = await harness.call('POST', `${path}/submit`, {
    token: adminA,
    ifMatch: returned.headers.get('etag') ?? '',
  });
  const approved = await harness.call('POST', `${path}/approve`, {
    token: operator,
    ifMatch: resubmitted.headers.get('etag') ?? '',
    body: { comment: 'OK' },
  });
  assert.equal(field(approved, 'status'), 'approved');
  const reviews = field<{ decision: string; reviewer: string; comment?: string }[]>(
    approved,
    'reviews',
  );
  assert.deepEqual(
    reviews.map((r) => [r.decision, r.comment]),
    [
      ['returned', 'Beskriv incidentrapporteringen närmare.'],
      ['approved', 'OK'],
    ],
  );
  assert.match(reviews[0]!.reviewer, /^client:admin-test-/, 'who reviewed is kept');

  const edit = await harness.call('PUT', path, {
    token: adminA,
    ifMatch: approved.headers.get('etag') ?? '',
    body: complete,
  });
  assert.equal(edit.status, 409, 'an approved declaration is not edited');
});

test('staff: each care provider sees and edits only its own engagement of a shared person', async () => {
  const atA = await harness.call('POST', '/staff', {
    token: adminA,
    body: {
      personalIdentityNumber: personnummer,
      givenName: 'Delad',
      familyName: 'Person',
      engagements: [
        {
          careProviderId: providerA,
          commissions: [
            {
              commissionHsaId: 'SE5591234561-UPA1',
              name: 'Läkare A',
              purpose: 'Vård och behandling',
            },
          ],
        },
      ],
    },
  });
  assert.equal(atA.status, 201, atA.text);
  const personId = field(atA, 'personId');
  assert.equal(atA.headers.get('location'), `/admin/v1/staff/${personId}`);
  assert.ok(!atA.headers.get('location')?.includes(personnummer));

  const atB = await harness.call('POST', '/staff', {
    token: adminB,
    body: {
      personalIdentityNumber: '19900101-9802',
      givenName: 'Annat',
      familyName: 'Namn',
      engagements: [{ careProviderId: providerB, systemRoles: ['B-roll'] }],
    },
  });
  assert.equal(atB.status, 201, 'the same status as for a new person: no probe');
  assert.equal(field(atB, 'personId'), personId, 'the same person gets an engagement at B');
  assert.equal(field(atB, 'givenName'), 'Annat', "B sees what it sent, not A's record");
  assert.equal(field(atB, 'familyName'), 'Namn');
  assert.equal(field(atB, 'personalIdentityNumber'), personnummer);
  assert.doesNotMatch(atB.text, /Delad|Person|UPA1/, 'nothing of A reaches B');
  const stored = await harness.call('GET', `/staff/${personId}`, { token: operator });
  assert.equal(field(stored, 'givenName'), 'Delad', 'stored person fields are kept');
  const seenByB = field<{ careProviderId: string }[]>(atB, 'engagements');
  assert.deepEqual(
    seenByB.map((e) => e.careProviderId),
    [providerB],
    'B does not see A',
  );

  const put = await harness.call('PUT', `/staff/${personId}`, {
    token: adminB,
    ifMatch: atB.headers.get('etag') ?? '',
    body: {
      givenName: 'Delad',
      familyName: 'Person',
      engagements: [{ careProviderId: providerB, systemRoles: ['B-roll', 'B2'] }],
    },
  });
  assert.equal(put.status, 200, put.text);
  const full = await harness.call('GET', `/staff/${personId}`, { token: operator });
  const engagements = field<
    { careProviderId: string; commissions: unknown[]; systemRoles: string[] }[]
  >(full, 'engagements');
  const a = engagements.find((e) => e.careProviderId === providerA);
  assert.equal(a?.commissions.length, 1, "A's engagement and commission survive B's edit");
  assert.deepEqual(engagements.find((e) => e.careProviderId === providerB)?.systemRoles, [
    'B-roll',
    'B2',
  ]);

  const rename = await harness.call('PUT', `/staff/${personId}`, {
    token: adminB,
    ifMatch: put.headers.get('etag') ?? '',
    body: {
      givenName: 'Kapad',
      familyName: 'Person',
      engagements: [{ careProviderId: providerB, systemRoles: ['B-roll', 'B2'] }],
    },
  });
  assert.equal(rename.status, 409, 'B may not rename a person A also has');
  assert.match(rename.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.match(field(rename, 'detail'), /^givenName: .*operator/);
  const unchanged = await harness.call('GET', `/staff/${personId}`, { token: operator });
  assert.equal(field(unchanged, 'givenName'), 'Delad');

  const renumber = await harness.call('PUT', `/staff/${personId}`, {
    token: adminB,
    ifMatch: put.headers.get('etag') ?? '',
    body: { personalIdentityNumber: '198503159819', givenName: 'X', familyName: 'Y' },
  });
  assert.equal(renumber.status, 403, 'only the operator changes an identity number');

  const deactivated = await harness.call('POST', `/staff/${personId}/deactivate`, {
    token: adminB,
    ifMatch: put.headers.get('etag') ?? '',
    body: {},
  });
  assert.equal(deactivated.status, 200);
  assert.equal(field<{ active: boolean }[]>(deactivated, 'engagements')[0]?.active, false);

  const current = await harness.call('GET', `/staff/${personId}`, { token: operator });
  const byOperator = await harness.call('PUT', `/staff/${personId}`, {
    token: operator,
    ifMatch: current.headers.get('etag') ?? '',
    body: {
      personalIdentityNumber: personnummer,
      givenName: 'Omdöpt',
      familyName: 'Person',
      engagements: field(current, 'engagements'),
    },
  });
  assert.equal(byOperator.status, 200, byOperator.text);
  assert.equal(field(byOperator, 'givenName'), 'Omdöpt', 'the operator renames a shared person');
});

test('staff search takes the identity number in the body and hides other tenants’ staff', async () => {
  const found = await harness.call('POST', '/staff/search', {
    token: adminA,
    body: { identityNumber: '19900101-9802' },
  });
  assert.equal(found.status, 200);
  assert.equal(field(found, 'personalIdentityNumber'), personnummer);

  const outsider = await harness.tokenFor({ careProviderId: await createProvider('Vårdgivare C') });
  const hidden = await harness.call('POST', '/staff/search', {
    token: outsider,
    body: { identityNumber: personnummer },
  });
  assert.equal(hidden.status, 404, 'not yours looks like not found');

  const bad = await harness.call('POST', '/staff/search', {
    token: adminA,
    body: { identityNumber: '199001019803' },
  });
  assert.deepEqual(
    errorsOf(bad).map((e) => e.field),
    ['identityNumber'],
  );
});

test('audit: by person (keyed hash, number in the body) and care provider; JSON lines export', async () => {
  const byPerson = await harness.call('POST', '/audit/search', {
    token: operator,
    body: { identityNumber: personnummer },
  });
  assert.equal(byPerson.status, 200);
  const events = field<{ personHash?: string; details?: { entity?: string } }[]>(
    byPerson,
    'events',
  );
  assert.ok(events.length >= 3, 'created, engagement added, updated, deactivated');
  assert.ok(events.every((e) => e.personHash === harness.brygga.audit.hashPerson(personnummer)));
  assert.ok(!byPerson.text.includes(personnummer), 'the number itself is never returned');

  const exported = await harness.call('POST', '/audit/export', { token: adminA, body: {} });
  assert.equal(exported.status, 200);
  assert.equal(exported.headers.get('content-type'), 'application/jsonl');
  const lines = exported.text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { careProviderId?: string });
  assert.ok(lines.length > 0);
  assert.ok(
    lines.every((event) => event.careProviderId === providerA),
    'only its own events',
  );

  const foreign = await harness.call('POST', '/audit/export', {
    token: adminA,
    body: { careProviderId: providerB },
  });
  assert.equal(foreign.status, 403);
  const window = await harness.call('POST', '/audit/search', {
    token: operator,
    body: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
  });
  assert.deepEqual(
    errorsOf(window).map((e) => e.field),
    ['to'],
  );
});
