import { z } from 'zod';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Validation } from '../validation/result.ts';
import { validateHsaId } from '../validation/hsa-id.ts';
import { validateGln } from '../validation/gln.ts';

/** A string field checked and normalised by one of the domain validators. */
export function checkedString(validate: (input: string) => Validation) {
  return z.string().transform((input, ctx) => {
    const result = validate(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  });
}

export const hsaIdField = checkedString(validateHsaId);
export const glnField = checkedString(validateGln);
export const text = (max: number) => z.string().trim().min(1).max(max);
export const codeList = z.array(z.string().trim().min(1).max(64)).max(50).default([]);

/**
 * The one place a schema failure becomes a BryggaError: `bad_request` naming the first
 * offending field, e.g. "orgNumber: the organisation number check digit is wrong".
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw new BryggaError('bad_request', `${field}: ${issue?.message ?? 'invalid'}`, {
    cause: result.error,
  });
}

/** The fields every stored domain record carries. */
export interface RecordMeta {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
