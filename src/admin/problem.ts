import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { isBryggaError } from '../errors/brygga-error.ts';
import type { ErrorCode } from '../errors/codes.ts';
import { errorCatalogue } from '../errors/codes.ts';
import type { Logger } from '../log/logger.ts';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, with `errors` naming each bad field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errorId: string;
  errors?: FieldError[];
}

export const problemMediaType = 'application/problem+json';

/** Problem types are URNs: stable names that do not pretend to be web pages. */
export function problemType(code: string): string {
  return `urn:brygga:problem:${code}`;
}

/**
 * The admin API's one error boundary: every failure becomes problem+json; the error id
 * is in the body and in the log line. Our own faults never show their message.
 */
export function problemResponses(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) {
        logger.error({ err: error, errorId: problem.errorId }, 'admin request failed');
      } else {
        logger.warn(
          { errorId: problem.errorId, status: problem.status, type: problem.type },
          'admin request refused',
        );
      }
      ctx.status = problem.status;
      ctx.type = problemMediaType;
      ctx.body = problem;
    }
  };
}

function toProblem(error: unknown): Problem {
  const errorId = randomUUID();
  if (isBryggaError(error)) {
    const detail = error.expose ? error.message : errorCatalogue[error.code].description;
    const errors = error.code === 'bad_request' ? fieldErrors(error.cause, detail) : undefined;
    return {
      ...base(error.code, error.status, errorId),
      detail,
      ...(errors && { errors }),
    };
  }
  // koa-body and the router raise http-errors: malformed JSON, too large, wrong method.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail = httpErrorDetail[status] ?? 'body: send a JSON object';
    const errors = detail.startsWith('body:') ? fieldErrors(null, detail) : undefined;
    return {
      type: problemType(`http_${status}`),
      title: detail,
      status,
      errorId,
      detail,
      ...(errors && { errors }),
    };
  }
  return { ...base('internal', 500, errorId), detail: 'See the error id in the log' };
}

const httpErrorDetail: Record<number, string> = {
  405: 'This method is not allowed on this path',
  413: 'body: too large',
  415: 'body: send application/json',
};

/** Titles where the catalogue's wording fits a login page better than an API. */
const titles: Partial<Record<ErrorCode, string>> = {
  conflict: "The request conflicts with the record's current state",
  duplicate_key: 'A record with this key exists',
};

function base(code: ErrorCode, status: number, errorId: string) {
  const title = titles[code] ?? errorCatalogue[code].description;
  return { type: problemType(code), title, status, errorId };
}

/** Every zod issue when the domain's schema failed, else the field named in the message. */
function fieldErrors(cause: unknown, detail: string): FieldError[] | undefined {
  if (cause instanceof z.ZodError) {
    return cause.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : 'body',
      message: issue.message,
    }));
  }
  const named = /^([\w.]+): (.+)$/s.exec(detail);
  return named ? [{ field: named[1]!, message: named[2]! }] : undefined;
}
