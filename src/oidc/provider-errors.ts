import { errors } from 'oidc-provider';
import { isBryggaError } from '../errors/brygga-error.ts';

/**
 * The one place Brygga's errors become oidc-provider's, for the code the provider calls
 * (storage adapter, findAccount). The provider would show an exposed error's message as
 * the OAuth error code, so a BryggaError must not reach it as it is.
 */
export function toProviderError(error: unknown): unknown {
  if (!isBryggaError(error)) return error;
  if (error.code === 'database_unavailable') {
    // RFC 6749 4.1.2.1 temporarily_unavailable; 503 so clients and proxies retry later.
    const unavailable = new errors.TemporarilyUnavailable(
      'the service is temporarily unavailable, try again shortly',
      { cause: error },
    );
    unavailable.status = 503;
    unavailable.statusCode = 503;
    return unavailable;
  }
  return new errors.OIDCProviderError(500, 'server_error', { cause: error });
}

/** Runs a store operation for the provider, translating its failure (see above). */
export async function forProvider<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toProviderError(error);
  }
}
