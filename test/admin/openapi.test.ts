import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { adminRouters } from '../../src/admin/admin-app.ts';
import { adminBasePath } from '../../src/admin/openapi/document.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import { declarationItems } from '../../src/domain/model/self-declaration.ts';
import { openTestStore } from '../support/store.ts';
import type { AdminHarness, CallOptions } from './harness.ts';
import { field, freshOrgNumber, freshPersonnummer, startAdminHarness } from './harness.ts';
import { DocumentChecker } from './openapi-support.ts';

let harness: AdminHarness;
let checker: DocumentChecker;
let operator: string;
let tenantAdmin: string;
let outsider: string;
let tenant: string;

before(async () => {
  harness = await startAdminHarness(await openTestStore());
  const document = await harness.call('GET', '/openapi.json');
  checker = new DocumentChecker(document.json as Record<string, unknown>);
  checker.check('GET /openapi.json', document);
  operator = await harness.tokenFor({ operator: true });
  tenant = await newProvider();
  tenantAdmin = await harness.tokenFor({ careProviderId: tenant });
  outsider = await harness.tokenFor({ careProviderId: await newProvider() });
});
after(() => harness.stop());

const complete = {
  answers: Object.fromEntries(
    declarationItems.map((item) => [item, { fulfilled: true, description: 'Så här.' }]),
  ),
  responsiblePerson: { name: 'Ansvarig', role: 'CISO' },
  signedOn: '2026-01-15',
};

async function call(operation: string, path: string, options: CallOptions = {}) {
  const [method] = operation.split(' ');
  return checker.check(operation, await harness.call(method!, path, options));
}

async function newProvider(): Promise<string> {
  const body = { orgNumber: freshOrgNumber(), name: 'Vård AB', kind: 'region' };
  const created = await harness.call('POST', '/care-providers', { token: operator, body });
  return field(created, 'id');
}

const licenceBody = (careProviderId: string) => ({
  careProviderId,
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-01-01T00:00:00Z',
  seats: 10,
  allowedMethods: ['bankid'],
});

async function newLicence(): Promise<{ id: string; etag: string }> {
  const created = await harness.call('POST', '/licences', {
    token: operator,
    body: licenceBody(tenant),
  });
  return { id: field(created, 'id'), etag: created.headers.get('etag')! };
}

/** A complete declaration (or an empty draft), submitted when asked. */
async function newDeclaration(
  status: 'draft' | 'submitted' | 'empty',
): Promise<{ id: string; etag: string }> {
  const created = await harness.call('POST', `/care-providers/${tenant}/self-declarations`, {
    token: tenantAdmin,
    body: status === 'empty' ? {} : complete,
  });
  const draft = { id: field(created, 'id'), etag: created.headers.get('etag')! };
  if (status !== 'submitted') return draft;
  const submitted = await harness.call('POST', `/self-declarations/${draft.id}/submit`, {
    token: tenantAdmin,
    ifMatch: draft.etag,
  });
  return { id: draft.id, etag: submitted.headers.get('etag')! };
}

async function newStaff(): Promise<{ id: string; etag: string; body: Record<string, unknown> }> {
  const body = {
    personalIdentityNumber: freshPersonnummer(),
    givenName: 'Test',
    familyName: 'Person',
    engagements: [{ careProviderId: tenant }],
  };
  const created = await harness.call('POST', '/staff', { token: tenantAdmin, body });
  assert.equal(created.status, 201, created.text);
  return { id: field(created, 'personId'), etag: created.headers.get('etag')!, body };
}

/**
 * One request per documented response of each operation, built fresh so that no call
 * depends on what an earlier one changed: [status, path, options].
 */
type Case = [number, string, CallOptions];
const missing = randomUUID();

const cases: Record<string, () => Promise<Case[]>> = {
  'GET /me': async () => [[200, '/me', { token: operator }]],
  'GET /care-providers': async () => [[200, '/care-providers', { token: tenantAdmin }]],
  'POST /care-providers': async () => {
    const body = { orgNumber: freshOrgNumber(), name: 'Ny AB', kind: 'municipality' };
    return [
      [201, '/care-providers', { token: operator, body }],
      [409, '/care-providers', { token: operator, body }],
      [400, '/care-providers', { token: operator, body: { ...body, name: '' } }],
      [403, '/care-providers', { token: tenantAdmin, body }],
    ];
  },
  'GET /care-providers/{careProviderId}': async () => [
    [200, `/care-providers/${tenant}`, { token: tenantAdmin }],
    [403, `/care-providers/${tenant}`, { token: outsider }],
    [404, `/care-providers/${missing}`, { token: operator }],
  ],
  'PUT /care-providers/{careProviderId}': async () => {
    const id = await newProvider();
    const read = await harness.call('GET', `/care-providers/${id}`, { token: operator });
    const etag = read.headers.get('etag')!;
    const body = { orgNumber: field(read, 'orgNumber'), name: 'Omdöpt', kind: 'region' };
    const path = `/care-providers/${id}`;
    return [
      [428, path, { token: operator, body }],
      [400, path, { token: operator, body: { ...body, kind: 'x' }, ifMatch: etag }],
      [403, path, { token: tenantAdmin, body, ifMatch: etag }],
      [404, `/care-providers/${missing}`, { token: operator, body, ifMatch: '"1"' }],
      [200, path, { token: operator, body, ifMatch: etag }],
      [412, path, { token: operator, body, ifMatch: etag }],
    ];
  },
  'GET /care-providers/{careProviderId}/licences': async () => [
    [200, `/care-providers/${tenant}/licences`, { token: tenantAdmin }],
    [403, `/care-providers/${tenant}/licences`, { token: outsider }],
    [404, `/care-providers/${missing}/licences`, { token: operator }],
  ],
  'POST /licences': async () => [
    [201, '/licences', { token: operator, body: licenceBody(tenant) }],
    [400, '/licences', { token: operator, body: { ...licenceBody(tenant), seats: -1 } }],
    [403, '/licences', { token: tenantAdmin, body: licenceBody(tenant) }],
    [404, '/licences', { token: operator, body: licenceBody(missing) }],
  ],
  'GET /licences/{licenceId}': async () => {
    const { id } = await newLicence();
    return [
      [200, `/licences/${id}`, { token: tenantAdmin }],
      [403, `/licences/${id}`, { token: outsider }],
      [404, `/licences/${missing}`, { token: operator }],
    ];
  },
  'PUT /licences/{licenceId}': async () => {
    const { id, etag } = await newLicence();
    const body = { ...licenceBody(tenant), seats: 20 };
    const path = `/licences/${id}`;
    return [
      [428, path, { token: operator, body }],
      [400, path, { token: operator, body: { ...body, validTo: '2025-01-01' }, ifMatch: etag }],
      [403, path, { token: tenantAdmin, body, ifMatch: etag }],
      [404, `/licences/${missing}`, { token: operator, body, ifMatch: '"1"' }],
      [200, path, { token: operator, body, ifMatch: etag }],
      [412, path, { token: operator, body, ifMatch: etag }],
    ];
  },
  'GET /care-providers/{careProviderId}/self-declarations': async () => [
    [200, `/care-providers/${tenant}/self-declarations`, { token: tenantAdmin }],
    [403, `/care-providers/${tenant}/self-declarations`, { token: outsider }],
    [404, `/care-providers/${missing}/self-declarations`, { token: operator }],
  ],
  'POST /care-providers/{careProviderId}/self-declarations': async () => {
    const path = `/care-providers/${tenant}/self-declarations`;
    return [
      [201, path, { token: tenantAdmin, body: {} }],
      [400, path, { token: tenantAdmin, body: { signedOn: 'igår' } }],
      [403, path, { token: outsider, body: {} }],
      [404, `/care-providers/${missing}/self-declarations`, { token: operator, body: {} }],
    ];
  },
  'GET /self-declarations/{declarationId}': async () => {
    const { id } = await newDeclaration('draft');
    return [
      [200, `/self-declarations/${id}`, { token: tenantAdmin }],
      [403, `/self-declarations/${id}`, { token: outsider }],
      [404, `/self-declarations/${missing}`, { token: operator }],
    ];
  },
  'PUT /self-declarations/{declarationId}': async () => {
    const draft = await newDeclaration('draft');
    const submitted = await newDeclaration('submitted');
    const path = `/self-declarations/${draft.id}`;
    const body = complete;
    return [
      [428, path, { token: tenantAdmin, body }],
      [400, path, { token: tenantAdmin, body: { signedOn: 'igår' }, ifMatch: draft.etag }],
      [403, path, { token: outsider, body, ifMatch: draft.etag }],
      [404, `/self-declarations/${missing}`, { token: operator, body, ifMatch: '"1"' }],
      [
        409,
        `/self-declarations/${submitted.id}`,
        { token: tenantAdmin, body, ifMatch: submitted.etag },
      ],
      [200, path, { token: tenantAdmin, body, ifMatch: draft.etag }],
      [412, path, { token: tenantAdmin, body, ifMatch: draft.etag }],
    ];
  },
  'POST /self-declarations/{declarationId}/submit': async () =>
    transition('submit', tenantAdmin, 'draft', undefined),
  'POST /self-declarations/{declarationId}/approve': async () =>
    transition('approve', operator, 'submitted', { comment: 'x'.repeat(4001) }),
  'POST /self-declarations/{declarationId}/return': async () =>
    transition('return', operator, 'submitted', { comment: '' }),
  'GET /reminders/self-declarations': async () => [
    [200, '/reminders/self-declarations?days=400', { token: operator }],
    [400, '/reminders/self-declarations?days=-1', { token: operator }],
    [403, '/reminders/self-declarations', { token: tenantAdmin }],
  ],
  'GET /staff': async () => [
    [200, '/staff', { token: tenantAdmin }],
    [400, '/staff?careProviderId=', { token: operator }],
    [403, `/staff?careProviderId=${tenant}`, { token: outsider }],
  ],
  'POST /staff': async () => {
    const staff = await newStaff();
    const other = await newProvider();
    const atOther = { ...staff.body, engagements: [{ careProviderId: other }] };
    return [
      [409, '/staff', { token: tenantAdmin, body: staff.body }],
      [200, '/staff', { token: operator, body: atOther }],
      [
        201,
        '/staff',
        {
          token: tenantAdmin,
          body: { ...staff.body, personalIdentityNumber: freshPersonnummer() },
        },
      ],
      [
        400,
        '/staff',
        {
          token: tenantAdmin,
          body: { ...staff.body, personalIdentityNumber: freshPersonnummer(), givenName: '' },
        },
      ],
      [403, '/staff', { token: outsider, body: staff.body }],
    ];
  },
  'POST /staff/search': async () => {
    const identityNumber = (await newStaff()).body.personalIdentityNumber;
    return [
      [200, '/staff/search', { token: tenantAdmin, body: { identityNumber } }],
      [400, '/staff/search', { token: tenantAdmin, body: { identityNumber: '12345' } }],
      [404, '/staff/search', { token: outsider, body: { identityNumber } }],
    ];
  },
  'GET /staff/{personId}': async () => {
    const { id } = await newStaff();
    return [
      [200, `/staff/${id}`, { token: tenantAdmin }],
      [403, `/staff/${id}`, { token: outsider }],
      [404, `/staff/${missing}`, { token: operator }],
    ];
  },
  'PUT /staff/{personId}': async () => {
    const { id, etag, body } = await newStaff();
    const path = `/staff/${id}`;
    return [
      [428, path, { token: tenantAdmin, body }],
      [400, path, { token: tenantAdmin, body: { ...body, familyName: '' }, ifMatch: etag }],
      [403, path, { token: outsider, body, ifMatch: etag }],
      [404, `/staff/${missing}`, { token: operator, body, ifMatch: '"1"' }],
      [200, path, { token: tenantAdmin, body, ifMatch: etag }],
      [412, path, { token: tenantAdmin, body, ifMatch: etag }],
    ];
  },
  'POST /staff/{personId}/deactivate': async () => {
    const { id, etag } = await newStaff();
    const path = `/staff/${id}/deactivate`;
    return [
      [428, path, { token: tenantAdmin, body: {} }],
      [400, path, { token: operator, body: {}, ifMatch: etag }],
      [403, path, { token: outsider, body: {}, ifMatch: etag }],
      [404, `/staff/${missing}/deactivate`, { token: operator, body: {}, ifMatch: '"1"' }],
      [200, path, { token: tenantAdmin, body: {}, ifMatch: etag }],
      [412, path, { token: tenantAdmin, body: {}, ifMatch: etag }],
    ];
  },
  'POST /audit/search': async () => auditCases('/audit/search'),
  'POST /audit/export': async () => auditCases('/audit/export'),
};

function auditCases(path: string): Case[] {
  return [
    [200, path, { token: tenantAdmin, body: {} }],
    [400, path, { token: operator, body: { limit: 0 } }],
    [403, path, { token: outsider, body: { careProviderId: tenant } }],
  ];
}

async function transition(
  action: string,
  token: string,
  from: 'draft' | 'submitted',
  badBody: unknown,
): Promise<Case[]> {
  const ready = await newDeclaration(from);
  const wrongState = await newDeclaration(from === 'draft' ? 'submitted' : 'draft');
  const incomplete = await newDeclaration('empty');
  const path = `/self-declarations/${ready.id}/${action}`;
  const body = action === 'return' ? { comment: 'Komplettera.' } : {};
  const cases: Case[] = [
    [428, path, { token, body }],
    [403, path, { token: outsider, body, ifMatch: ready.etag }],
    [404, `/self-declarations/${missing}/${action}`, { token: operator, body, ifMatch: '"1"' }],
    [
      409,
      `/self-declarations/${wrongState.id}/${action}`,
      { token, body, ifMatch: wrongState.etag },
    ],
    [200, path, { token, body, ifMatch: ready.etag }],
    [412, path, { token, body, ifMatch: ready.etag }],
  ];
  const badPath =
    action === 'submit'
      ? `/self-declarations/${incomplete.id}/submit`
      : path.replace(ready.id, wrongState.id);
  const badVersion = action === 'submit' ? incomplete.etag : wrongState.etag;
  cases.push([400, badPath, { token, body: badBody, ifMatch: badVersion }]);
  return cases;
}

test('every route of the app is in the document, and every operation has a case', () => {
  const routes = new Set<string>();
  for (const router of adminRouters({
    ...harness.brygga,
    logger: createRootLogger({ level: 'silent' }),
    config: harness.brygga.config,
  })) {
    for (const layer of router.stack) {
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        const path = String(layer.path)
          .slice(adminBasePath.length)
          .replace(/:(\w+)/g, '{$1}');
        routes.add(`${method} ${path}`);
      }
    }
  }
  const documented = new Set(checker.operations().keys());
  assert.deepEqual([...routes].sort(), [...documented].sort());
  assert.deepEqual(
    Object.keys(cases).sort(),
    [...documented].filter((operation) => operation !== 'GET /openapi.json').sort(),
  );
});

test('every documented response is real: status, media type, schema and ETag', async () => {
  for (const [operation, build] of Object.entries(cases)) {
    for (const [status, path, options] of await build()) {
      const response = await call(operation, path, options);
      assert.equal(
        response.status,
        status,
        `${operation} ${path} expected ${status}: ${response.text}`,
      );
    }
    if (checker.operations().get(operation)?.includes('401')) {
      const [, path] = (await build())[0]!;
      const response = await call(operation, path, { ...(await build())[0]![2], token: undefined });
      assert.equal(response.status, 401);
    }
  }
  for (const [operation, statuses] of checker.operations()) {
    assert.deepEqual(
      [...(checker.covered.get(operation) ?? [])].sort(),
      [...statuses].sort(),
      `${operation}: documented responses not exercised`,
    );
  }
});
