import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ApiResponse } from './harness.ts';

type Json = Record<string, unknown>;
interface DocumentedResponse {
  headers?: Json;
  content: Record<string, { schema: Json; 'x-brygga-line-schema'?: Json }>;
}

/**
 * Checks responses against the OpenAPI document: the status must be documented for the
 * operation, the media type must match and the body must satisfy the JSON Schema.
 */
export class DocumentChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly covered = new Map<string, Set<string>>();

  constructor(readonly document: Json) {
    addFormats.default(this.ajv);
    const components = (document.components as Json).schemas;
    this.ajv.addSchema({
      $id: 'https://brygga.test/admin-openapi.json',
      components: { schemas: components },
    });
  }

  /** Every "METHOD /path" with its documented statuses. */
  operations(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const [path, item] of Object.entries(this.document.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        const statuses = Object.keys((operation as { responses: Json }).responses);
        result.set(`${method.toUpperCase()} ${path}`, statuses);
      }
    }
    return result;
  }

  check(operation: string, response: ApiResponse): ApiResponse {
    const [method, path] = operation.split(' ') as [string, string];
    const item = (this.document.paths as Record<string, Record<string, Json>>)[path];
    const responses = item?.[method.toLowerCase()]?.responses as
      Record<string, DocumentedResponse> | undefined;
    assert.ok(responses, `${operation} is not in the document`);
    const status = String(response.status);
    const documented = responses[status];
    assert.ok(documented, `${operation} answered ${status}, undocumented: ${response.text}`);

    const [mediaType, content] = Object.entries(documented.content)[0]!;
    const received = (response.headers.get('content-type') ?? '').split(';')[0];
    assert.equal(received, mediaType, `${operation} ${status} media type`);
    const lineSchema = content['x-brygga-line-schema'];
    if (lineSchema) {
      const validate = this.validator(lineSchema);
      for (const line of response.text.trimEnd().split('\n').filter(Boolean)) {
        this.assertValid(validate, JSON.parse(line), `${operation} ${status} line`);
      }
    } else {
      this.assertValid(this.validator(content.schema), response.json, `${operation} ${status}`);
    }
    if (documented.headers?.ETag) {
      assert.match(response.headers.get('etag') ?? '', /^"\d+"$/, `${operation} ETag`);
    }

    const statuses = this.covered.get(operation) ?? new Set<string>();
    statuses.add(status);
    this.covered.set(operation, statuses);
    return response;
  }

  private validator(schema: Json): ValidateFunction {
    const reference = String(schema.$ref ?? '');
    if (reference) return this.ajv.getSchema(`https://brygga.test/admin-openapi.json${reference}`)!;
    return this.ajv.compile(schema);
  }

  private assertValid(validate: ValidateFunction, value: unknown, what: string): void {
    const valid = validate(value);
    assert.ok(valid, `${what}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(value)}`);
  }
}
