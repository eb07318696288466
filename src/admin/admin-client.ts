import { importJWK } from 'jose';
import { BryggaError } from '../errors/brygga-error.ts';
import { adminScope, rolesProperty } from '../oidc/client-metadata.ts';
import { careProviderAdminRole, operatorRole } from './principal.ts';

export interface AdminClientRequest {
  clientId: string;
  /** Public keys the client signs its private_key_jwt assertions with. */
  jwks: unknown;
  /** `operator`, or the care provider the client administers. */
  role: { operator: true } | { careProviderId: string };
  clientName?: string;
}

/**
 * Metadata of an admin API client: client_credentials only, private_key_jwt (no shared
 * secret to leak), scope admin, and its role in `urn:brygga:roles`.
 */
export async function adminClientMetadata(
  request: AdminClientRequest,
): Promise<Record<string, unknown>> {
  const jwks = await publicKeySet(request.jwks);
  const role =
    'operator' in request.role
      ? operatorRole
      : `${careProviderAdminRole}:${request.role.careProviderId}`;
  return {
    client_id: request.clientId,
    client_name: request.clientName ?? `Admin API client ${request.clientId}`,
    token_endpoint_auth_method: 'private_key_jwt',
    jwks,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: adminScope,
    [rolesProperty]: [role],
  };
}

/** Every key must be a usable public key: a private part would be a leaked secret. */
async function publicKeySet(input: unknown): Promise<{ keys: Record<string, unknown>[] }> {
  const keys = (input as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new BryggaError('bad_request', 'jwks: a JSON Web Key Set with at least one key');
  }
  for (const [index, key] of keys.entries()) {
    if (typeof key !== 'object' || key === null) {
      throw new BryggaError('bad_request', `jwks.keys.${index}: not a JSON Web Key`);
    }
    if ('d' in key) {
      throw new BryggaError(
        'bad_request',
        `jwks.keys.${index}: a private key; give the public key`,
      );
    }
    const { kty, alg } = key as { kty?: unknown; alg?: unknown };
    if (kty !== 'EC' && kty !== 'RSA' && kty !== 'OKP') {
      throw new BryggaError('bad_request', `jwks.keys.${index}.kty: EC, RSA or OKP`);
    }
    // jose imports only with an algorithm; a key without `alg` is left to the provider.
    if (typeof alg !== 'string') continue;
    try {
      await importJWK(key as Parameters<typeof importJWK>[0], alg);
    } catch (cause) {
      throw new BryggaError('bad_request', `jwks.keys.${index}: not a usable key`, { cause });
    }
  }
  return { keys: keys as Record<string, unknown>[] };
}
