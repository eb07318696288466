/** BankID RP API v6 error codes (Errors table), with the HTTP status each travels with. */
export const rpErrorStatus = {
  alreadyInProgress: 400,
  invalidParameters: 400,
  unauthorized: 401,
  notFound: 404,
  methodNotAllowed: 405,
  requestTimeout: 408,
  unsupportedMediaType: 415,
  tooManyRequests: 429,
  internalError: 500,
  maintenance: 503,
} as const;

export type RpErrorCode = keyof typeof rpErrorStatus;

/** An error the simulator answers with `{errorCode, details}`. */
export class RpError extends Error {
  readonly status: number;

  constructor(
    readonly errorCode: RpErrorCode,
    readonly details: string,
    status?: number,
  ) {
    super(`${errorCode}: ${details}`);
    this.status = status ?? rpErrorStatus[errorCode];
  }
}

export function invalidParameters(details: string): RpError {
  return new RpError('invalidParameters', details);
}
