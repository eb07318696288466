import { BryggaError } from '../../errors/brygga-error.ts';
import type { ErrorCode } from '../../errors/codes.ts';

/** What BankID (or the way to it) answered; kept as the `cause` of a BryggaError. */
export class BankIdUpstreamError extends Error {
  constructor(
    /** BankID `errorCode` (camelCase as sent), or `network` / `badResponse`. */
    readonly errorCode: string,
    readonly httpStatus: number | undefined,
    readonly details: string | undefined,
  ) {
    super(`BankID ${errorCode}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
    this.name = 'BankIdUpstreamError';
  }
}

/**
 * BankID RP API v6 Errors table → Brygga codes. Codes that mean Brygga sent something
 * wrong (invalidParameters, unauthorized, notFound, methodNotAllowed, unsupportedMediaType)
 * are our fault; none of them is retried automatically.
 */
const brygga: Record<string, ErrorCode> = {
  alreadyinprogress: 'upstream_rejected',
  invalidparameters: 'internal',
  unauthorized: 'internal',
  notfound: 'internal',
  methodnotallowed: 'internal',
  unsupportedmediatype: 'internal',
  requesttimeout: 'upstream_error',
  toomanyrequests: 'upstream_unavailable',
  internalerror: 'upstream_error',
  maintenance: 'upstream_unavailable',
  network: 'upstream_unavailable',
  badresponse: 'upstream_error',
};

/** The one place where a failed BankID exchange becomes a BryggaError. */
export function toBryggaError(failure: unknown): BryggaError {
  if (failure instanceof BryggaError) return failure;
  const upstream =
    failure instanceof BankIdUpstreamError
      ? failure
      : new BankIdUpstreamError('network', undefined, describe(failure));
  // Errors table: BankID may add codes; an unknown one is an upstream error (RFA22).
  const code = brygga[upstream.errorCode.toLowerCase()] ?? 'upstream_error';
  return new BryggaError(code, upstream.message, { cause: upstream });
}

/** Reads `{errorCode, details}` from an error response body, whatever shape it has. */
export function upstreamErrorFrom(httpStatus: number, body: unknown): BankIdUpstreamError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errorCode = typeof record.errorCode === 'string' ? record.errorCode : `http${httpStatus}`;
  const details = typeof record.details === 'string' ? record.details : undefined;
  return new BankIdUpstreamError(errorCode, httpStatus, details);
}

/** The BankID errorCode behind a BryggaError from this connector, if any. */
export function bankIdErrorCode(error: unknown): string | undefined {
  if (error instanceof BryggaError && error.cause instanceof BankIdUpstreamError) {
    return error.cause.errorCode;
  }
  return undefined;
}

function describe(failure: unknown): string {
  if (failure instanceof Error) {
    const code = (failure as { code?: unknown }).code;
    return typeof code === 'string' ? `${failure.name} ${code}` : failure.name;
  }
  return 'unknown failure';
}
