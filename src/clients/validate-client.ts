import type Provider from 'oidc-provider';
import { BryggaError } from '../errors/brygga-error.ts';

/** Runs oidc-provider's own client metadata validation, so a bad client never lands. */
export async function validateClientMetadata(
  provider: Provider,
  metadata: Record<string, unknown>,
): Promise<void> {
  // oidc-provider accepts any secret; Brygga asks what its configuration schema asks.
  const secret = metadata.client_secret;
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 32)) {
    throw new BryggaError(
      'bad_request',
      'Invalid client metadata: client_secret needs 32 or more characters',
    );
  }
  try {
    await provider.Client.validate(metadata as Parameters<Provider['Client']['validate']>[0]);
  } catch (cause) {
    const description =
      (cause as { error_description?: string }).error_description ?? String(cause);
    throw new BryggaError('bad_request', `Invalid client metadata: ${description}`, { cause });
  }
}
