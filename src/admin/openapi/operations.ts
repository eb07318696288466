/** One admin API operation as the document describes it; paths are relative to /admin/v1. */
export interface OperationSpec {
  method: 'get' | 'post' | 'put';
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Who may call it: the operator only, or also a care-provider admin (for its own). */
  roles: 'operator' | 'operator, care-provider-admin' | 'none';
  body?: string;
  query?: { name: string; schema: Record<string, unknown>; description: string }[];
  /** Needs If-Match with the ETag read before (428 without, 412 when stale). */
  ifMatch?: boolean;
  /** Success statuses and the component each returns; `jsonl` lines of a component. */
  success: Partial<Record<200 | 201, string>>;
  jsonLines?: string;
  /** Success responses carry ETag: "<version>". */
  etag?: boolean;
  errors: number[];
}

const both = 'operator, care-provider-admin' as const;
const write = [400, 401, 403, 404, 412, 428];

export const operations: OperationSpec[] = [
  op(
    'get',
    '/openapi.json',
    'getOpenApi',
    'This document',
    'meta',
    'none',
    { ok: 'OpenApiDocument' },
    [],
  ),
  op('get', '/me', 'getMe', 'The calling client and its roles', 'meta', both, { ok: 'Me' }, [401]),

  op(
    'get',
    '/care-providers',
    'listCareProviders',
    'Care providers you administer',
    'care providers',
    both,
    { ok: 'CareProviderList' },
    [401],
  ),
  op(
    'post',
    '/care-providers',
    'createCareProvider',
    'Register a care provider',
    'care providers',
    'operator',
    { body: 'CareProviderInput', created: 'CareProvider' },
    [400, 401, 403, 409],
  ),
  op(
    'get',
    '/care-providers/{careProviderId}',
    'getCareProvider',
    'One care provider',
    'care providers',
    both,
    { ok: 'CareProvider', etag: true },
    [401, 403, 404],
  ),
  op(
    'put',
    '/care-providers/{careProviderId}',
    'updateCareProvider',
    'Replace a care provider',
    'care providers',
    'operator',
    { body: 'CareProviderInput', ok: 'CareProvider', ifMatch: true },
    write,
  ),

  op(
    'get',
    '/care-providers/{careProviderId}/licences',
    'listLicences',
    "A care provider's licences",
    'licences',
    both,
    { ok: 'LicenceList' },
    [401, 403, 404],
  ),
  op(
    'post',
    '/licences',
    'createLicence',
    'Grant a licence',
    'licences',
    'operator',
    { body: 'LicenceInput', created: 'Licence' },
    [400, 401, 403, 404],
  ),
  op(
    'get',
    '/licences/{licenceId}',
    'getLicence',
    'One licence',
    'licences',
    both,
    { ok: 'Licence', etag: true },
    [401, 403, 404],
  ),
  op(
    'put',
    '/licences/{licenceId}',
    'updateLicence',
    'Replace a licence (dates, seats, methods, status)',
    'licences',
    'operator',
    { body: 'LicenceInput', ok: 'Licence', ifMatch: true },
    write,
  ),

  op(
    'get',
    '/care-providers/{careProviderId}/self-declarations',
    'listSelfDeclarations',
    "A care provider's self-declarations, newest first",
    'self-declarations',
    both,
    { ok: 'SelfDeclarationList' },
    [401, 403, 404],
  ),
  op(
    'post',
    '/care-providers/{careProviderId}/self-declarations',
    'createSelfDeclaration',
    'Start a self-declaration draft',
    'self-declarations',
    both,
    { body: 'SelfDeclarationDraft', created: 'SelfDeclaration' },
    [400, 401, 403, 404],
  ),
  op(
    'get',
    '/self-declarations/{declarationId}',
    'getSelfDeclaration',
    'One self-declaration with its reviews',
    'self-declarations',
    both,
    { ok: 'SelfDeclaration', etag: true },
    [401, 403, 404],
  ),
  op(
    'put',
    '/self-declarations/{declarationId}',
    'updateSelfDeclaration',
    'Edit a draft or returned declaration',
    'self-declarations',
    both,
    { body: 'SelfDeclarationDraft', ok: 'SelfDeclaration', ifMatch: true },
    [...write, 409],
  ),
  op(
    'post',
    '/self-declarations/{declarationId}/submit',
    'submitSelfDeclaration',
    'Submit for review (every item answered, signed)',
    'self-declarations',
    both,
    { ok: 'SelfDeclaration', ifMatch: true },
    [...write, 409],
  ),
  op(
    'post',
    '/self-declarations/{declarationId}/approve',
    'approveSelfDeclaration',
    'Approve a submitted declaration',
    'self-declarations',
    'operator',
    { body: 'ApprovalInput', ok: 'SelfDeclaration', ifMatch: true },
    [...write, 409],
  ),
  op(
    'post',
    '/self-declarations/{declarationId}/return',
    'returnSelfDeclaration',
    'Return a submitted declaration with what to fix',
    'self-declarations',
    'operator',
    { body: 'ReturnInput', ok: 'SelfDeclaration', ifMatch: true },
    [...write, 409],
  ),
  op(
    'get',
    '/reminders/self-declarations',
    'listReminders',
    'Approvals that end within `days` (or have ended)',
    'self-declarations',
    'operator',
    {
      ok: 'ReminderList',
      query: [
        {
          name: 'days',
          schema: { type: 'integer', minimum: 0, maximum: 3650 },
          description: 'Horizon in days; default domain.declarationReminderDays',
        },
      ],
    },
    [400, 401, 403],
  ),

  op(
    'get',
    '/staff',
    'listStaff',
    'Staff of a care provider (the operator: everyone, first 200)',
    'staff',
    both,
    {
      ok: 'StaffList',
      query: [
        {
          name: 'careProviderId',
          schema: { type: 'string', minLength: 1 },
          description: 'Only staff engaged at this care provider',
        },
      ],
    },
    [400, 401, 403],
  ),
  op(
    'post',
    '/staff',
    'createStaffMember',
    'Register a person (201), or add engagements to the person already registered with that identity number or HSA-ID (200)',
    'staff',
    both,
    { body: 'StaffMemberInput', created: 'StaffMember', ok: 'StaffMember' },
    [400, 401, 403, 409],
  ),
  op(
    'post',
    '/staff/search',
    'searchStaff',
    'Find a staff member by personnummer or samordningsnummer (in the body, never the URL)',
    'staff',
    both,
    { body: 'StaffSearch', ok: 'StaffMember', etag: true },
    [400, 401, 404],
  ),
  op(
    'get',
    '/staff/{personId}',
    'getStaffMember',
    'One staff member (a care-provider admin sees only its own engagements)',
    'staff',
    both,
    { ok: 'StaffMember', etag: true },
    [401, 403, 404],
  ),
  op(
    'put',
    '/staff/{personId}',
    'updateStaffMember',
    'Replace a staff member; a care-provider admin replaces names and its own engagements and commissions',
    'staff',
    both,
    { body: 'StaffMemberInput', ok: 'StaffMember', ifMatch: true },
    write,
  ),
  op(
    'post',
    '/staff/{personId}/deactivate',
    'deactivateStaffMember',
    "Deactivate the person's engagement at a care provider (frees a seat)",
    'staff',
    both,
    { body: 'DeactivateInput', ok: 'StaffMember', ifMatch: true },
    write,
  ),

  op(
    'post',
    '/audit/search',
    'searchAudit',
    'Audit events by care provider, person and time, newest first',
    'audit',
    both,
    { body: 'AuditQuery', ok: 'AuditEventList' },
    [400, 401, 403],
  ),
  op(
    'post',
    '/audit/export',
    'exportAudit',
    'The same events as JSON lines, for incident work',
    'audit',
    both,
    { body: 'AuditQuery', jsonLines: 'AuditEvent' },
    [400, 401, 403],
  ),
];

interface Shape {
  body?: string;
  ok?: string;
  created?: string;
  jsonLines?: string;
  etag?: boolean;
  ifMatch?: boolean;
  query?: OperationSpec['query'];
}

function op(
  method: OperationSpec['method'],
  path: string,
  operationId: string,
  summary: string,
  tag: string,
  roles: OperationSpec['roles'],
  shape: Shape,
  errors: number[],
): OperationSpec {
  const success: OperationSpec['success'] = {};
  if (shape.ok) success[200] = shape.ok;
  if (shape.created) success[201] = shape.created;
  return {
    method,
    path,
    operationId,
    summary,
    tag,
    roles,
    errors,
    success,
    // Writes answer with the new version so the next write can use it as If-Match.
    etag: shape.etag || shape.ifMatch || Boolean(shape.created),
    ...(shape.body && { body: shape.body }),
    ...(shape.query && { query: shape.query }),
    ...(shape.ifMatch && { ifMatch: true }),
    ...(shape.jsonLines && { jsonLines: shape.jsonLines }),
  };
}
