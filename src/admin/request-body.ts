import type { Context } from 'koa';
import type { z } from 'zod';
import { BryggaError } from '../errors/brygga-error.ts';
import { parseInput } from '../domain/model/fields.ts';

/**
 * The JSON object sent with the request ({} when there is none), typed as the domain input
 * it is handed to: unchecked here because the domain's own schema checks it.
 */
export function jsonBody<T = Record<string, unknown>>(ctx: Context): T {
  if (ctx.request.length && !ctx.is('application/json')) {
    throw new BryggaError('bad_request', 'body: send application/json');
  }
  const body: unknown = ctx.request.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BryggaError('bad_request', 'body: send a JSON object');
  }
  return body as T;
}

/** Checks a request body the admin API adds (not a domain record) with the domain's helper. */
export function parseBody<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  return parseInput(schema, jsonBody(ctx));
}

/** Checks the query string; errors name the parameter. */
export function parseQuery<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  return parseInput(schema, { ...ctx.query });
}
