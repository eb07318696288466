import type Provider from 'oidc-provider';
import { BryggaError } from '../errors/brygga-error.ts';

/** Runs oidc-provider's own client metadata validation, so a bad client never lands. */
export async function validateClientMetadata(
  provider: Provider,
  metadata: Record<string, unknown>,
): Promise<void> {
  try {
    await provider.Client.validate(metadata as Parameters<Provider['Client']['validate']>[0]);
  } catch (cause) {
    const description =
      (cause as { error_description?: string }).error_description ?? String(cause);
    throw new BryggaError('bad_request', `Invalid client metadata: ${description}`, { cause });
  }
}
