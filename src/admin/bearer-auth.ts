import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import { BryggaError } from '../errors/brygga-error.ts';
import { adminScope, rolesProperty } from '../oidc/client-metadata.ts';
import type { Principal } from './principal.ts';
import { hasAnyRole, principalFromRoles } from './principal.ts';

/**
 * Bearer tokens (RFC 6750) issued by Brygga's own token endpoint to a client_credentials
 * client, checked in-process against the provider's store. Authorization-code tokens
 * (a person's) are a different model and are never found here.
 */
export function bearerAuth(provider: Provider) {
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.state.principal = await authenticate(provider, ctx);
    await next();
  };
}

async function authenticate(provider: Provider, ctx: Context): Promise<Principal> {
  const match = /^Bearer ([\w\-.~+/]+=*)$/.exec(ctx.get('authorization'));
  if (!match?.[1]) {
    // RFC 6750 3.1: a request without credentials gets a challenge without an error code.
    const error = ctx.get('authorization') ? 'invalid_request' : undefined;
    refuse(ctx, error, 'Send an access token: Authorization: Bearer <token>');
  }

  const token = await provider.ClientCredentials.find(match[1]!);
  if (!token) refuse(ctx, 'invalid_token', 'The access token is unknown or expired');
  // DPoP and mTLS bindings cannot be checked here, and a token for another resource
  // server (RFC 8707 audience) is not meant for this API.
  if (token.isSenderConstrained() || token.aud !== undefined) {
    refuse(ctx, 'invalid_token', 'The access token is bound to something this API cannot check');
  }
  if (!token.scopes.has(adminScope)) {
    ctx.set('WWW-Authenticate', challenge('insufficient_scope'));
    throw new BryggaError('forbidden', `The access token lacks the ${adminScope} scope`);
  }

  const client = token.clientId ? await provider.Client.find(token.clientId) : undefined;
  if (!client) refuse(ctx, 'invalid_token', 'The client of this token is unknown or disabled');
  const principal = principalFromRoles(client.clientId, client.metadata()[rolesProperty]);
  if (!hasAnyRole(principal)) {
    throw new BryggaError('forbidden', 'This client has no admin role');
  }
  return principal;
}

function refuse(ctx: Context, error: string | undefined, message: string): never {
  ctx.set('WWW-Authenticate', challenge(error));
  throw new BryggaError('unauthorized', message);
}

/** RFC 6750 3: the challenge names the realm, the scope and the error. */
function challenge(error: string | undefined): string {
  const code = error ? `, error="${error}"` : '';
  return `Bearer realm="brygga-admin"${code}, scope="${adminScope}"`;
}

export function principalOf(ctx: Context): Principal {
  const principal = ctx.state.principal as Principal | undefined;
  if (!principal) throw new BryggaError('unauthorized');
  return principal;
}
