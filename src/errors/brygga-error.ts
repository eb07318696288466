import type { ErrorCode } from './codes.ts';
import { errorCatalogue } from './codes.ts';

/**
 * The one error type Brygga throws across module boundaries.
 *
 * `code` comes from a fixed list (see codes.ts), `status` is the HTTP status a person
 * or client sees, and `expose` says whether `message` may be shown outside the process.
 */
export class BryggaError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; expose?: boolean }) {
    const entry = errorCatalogue[code];
    super(message ?? entry.description, { cause: options?.cause });
    this.name = 'BryggaError';
    this.code = code;
    this.status = entry.status;
    this.expose = options?.expose ?? entry.expose;
  }

  /** oidc-provider and koa read `statusCode`: a database outage stays a 503 there too. */
  get statusCode(): number {
    return this.status;
  }
}

export function isBryggaError(error: unknown): error is BryggaError {
  return error instanceof BryggaError;
}
