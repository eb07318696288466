import { z } from 'zod';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

const dateTime: JsonSchema = { type: 'string', format: 'date-time' };

/**
 * A request schema straight from the domain's zod schema (zod's own JSON Schema output),
 * so the document cannot drift from the validation. `io: 'input'` describes what a caller
 * sends: defaults make fields optional and checks done in code (check digits) stay code.
 */
export function requestSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') Object.assign(jsonSchema, dateTime);
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

export const string: JsonSchema = { type: 'string' };
export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const timestamp = dateTime;
export const integer: JsonSchema = { type: 'integer' };
export const boolean: JsonSchema = { type: 'boolean' };

export function enumOf(values: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...values] };
}

export function arrayOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}

export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** A closed object: every property the API sends is documented, nothing else appears. */
export function object(
  required: Record<string, JsonSchema>,
  optional: Record<string, JsonSchema> = {},
): JsonSchema {
  return {
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
    additionalProperties: false,
  };
}
