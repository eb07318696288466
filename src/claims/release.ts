import { claim, scope as scopes } from './names.ts';
import { healthcareClaims, scopeReleases, standaloneClaims } from './scope-claims.ts';

export interface ReleaseRequest {
  use: 'id_token' | 'userinfo';
  /** Granted scopes, space-separated. */
  scope: string;
  /** The `claims` request parameter's member for this `use` (OIDC Core 5.5). */
  requestedClaims?: Record<string, unknown>;
  /** Claims the end-user or policy refused (oidc-provider's `rejected`). */
  rejected?: string[];
  /** The client's `urn:brygga:allowed_claims`; absent means no extra limit. */
  allowedClaims?: string[];
  /** The scopes the client is registered for; a claims-parameter claim needs one of them. */
  clientScope?: string;
}

/**
 * OS-PROFILE 2.1.7: transaction and authentication-process claims are exempt from the
 * release limits, so a client allow-list never removes them.
 */
const alwaysAllowed: readonly string[] = [
  claim.sub,
  claim.acr,
  claim.amr,
  claim.txn,
  claim.authnProvider,
];

/**
 * The claim names released for one delivery. A scope releases its claims where its row in
 * scope-claims.ts says; the `claims` parameter adds claims and wins on destination
 * (OS-PROFILE 2.1.7). Healthcare claims always need the `healthcare` scope. Then the
 * client's allow-list applies.
 */
export function releasedClaimNames(request: ReleaseRequest): Set<string> {
  const granted = request.scope.split(' ').filter(Boolean);
  const names = new Set<string>();

  for (const name of granted) {
    for (const [claimName, delivery] of Object.entries(scopeReleases[name] ?? {})) {
      if (request.use === 'id_token' ? delivery.idToken : delivery.userinfo) names.add(claimName);
    }
  }

  // The claims parameter picks and places claims (OS-PROFILE 2.1.7); it never reaches past
  // the scopes the operator registered for the client.
  const registered = (request.clientScope ?? '').split(' ').filter(Boolean);
  for (const name of Object.keys(request.requestedClaims ?? {})) {
    if (healthcareClaims.includes(name) && !granted.includes(scopes.healthcare)) continue;
    if (isWithin(name, registered)) names.add(name);
  }

  for (const name of request.rejected ?? []) names.delete(name);
  if (request.allowedClaims) {
    const allowed = new Set([...request.allowedClaims, ...alwaysAllowed]);
    for (const name of names) if (!allowed.has(name)) names.delete(name);
  }
  return names;
}

/** A standalone claim, or a claim of a scope the client is registered for. */
function isWithin(name: string, registeredScopes: string[]): boolean {
  return (
    standaloneClaims.includes(name) ||
    registeredScopes.some((scope) => Object.hasOwn(scopeReleases[scope] ?? {}, name))
  );
}
