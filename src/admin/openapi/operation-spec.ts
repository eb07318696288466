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

export const both = 'operator, care-provider-admin' as const;
export const write = [400, 401, 403, 404, 412, 428];

interface Shape {
  body?: string;
  ok?: string;
  created?: string;
  jsonLines?: string;
  etag?: boolean;
  ifMatch?: boolean;
  query?: OperationSpec['query'];
}

export function op(
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
