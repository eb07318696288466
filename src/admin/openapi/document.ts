import { problemMediaType } from '../problem.ts';
import { jsonLinesMediaType } from '../routes/audit.ts';
import type { OperationSpec } from './operations.ts';
import { operations } from './operations.ts';
import { componentSchemas } from './schemas.ts';
import type { JsonSchema } from './json-schema.ts';
import { ref } from './json-schema.ts';

export const adminBasePath = '/admin/v1';

const errorMeaning: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'No valid access token (client_credentials, scope admin)',
  403: 'Your role does not allow this, or the record belongs to another care provider',
  404: 'No such record',
  409: 'Refused by the record state (e.g. a submitted declaration cannot be edited) or taken key',
  412: 'If-Match names a version that is no longer current: read again',
  428: 'If-Match is required',
};

/**
 * The admin API's OpenAPI 3.1 document, built from the operation table and the schemas;
 * served at GET /admin/v1/openapi.json and walked by the tests against the running app.
 */
export function openApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = describe(operation);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Brygga admin API',
      version: '1',
      description:
        "The operator's administration of care providers, licences, self-declarations, " +
        "staff and the audit log. Clients authenticate at Brygga's token endpoint " +
        '(client_credentials, private_key_jwt, scope admin); the roles come from the ' +
        "client's `urn:brygga:roles` metadata.",
    },
    servers: [{ url: `${serverUrl ?? ''}${adminBasePath}` }],
    security: [{ bearer: ['admin'] }],
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: "An access token from Brygga's own token endpoint (client_credentials)",
        },
      },
      headers: {
        ETag: { description: 'The version read: "<version>"', schema: { type: 'string' } },
      },
    },
  };
}

function describe(operation: OperationSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(operation.success)) {
    responses[status] = {
      description: status === '201' ? 'Created' : 'OK',
      ...(operation.etag && { headers: { ETag: { $ref: '#/components/headers/ETag' } } }),
      content: { 'application/json': { schema: ref(schema) } },
    };
  }
  if (operation.jsonLines) {
    responses['200'] = {
      description: 'One JSON object per line',
      // OpenAPI 3.1 cannot name the schema of each line (3.2's itemSchema); say it here.
      content: {
        [jsonLinesMediaType]: {
          schema: { type: 'string' },
          'x-brygga-line-schema': ref(operation.jsonLines),
        },
      },
    };
  }
  for (const status of operation.errors) {
    responses[String(status)] = {
      description: errorMeaning[status],
      content: { [problemMediaType]: { schema: ref('Problem') } },
    };
  }

  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.tag],
    'x-brygga-roles': operation.roles,
    ...(operation.roles === 'none' && { security: [] }),
    parameters: [...pathParameters(operation.path), ...queryParameters(operation)],
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref(operation.body) } },
      },
    }),
    responses,
  };
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function queryParameters(operation: OperationSpec) {
  const query = (operation.query ?? []).map(({ name, schema, description }) => ({
    name,
    in: 'query',
    required: false,
    schema,
    description,
  }));
  const ifMatch = operation.ifMatch
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The ETag of the version you read, e.g. "3"',
          schema: { type: 'string' },
        },
      ]
    : [];
  return [...query, ...ifMatch];
}
