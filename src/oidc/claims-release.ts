import type { LoginContext } from '../claims/login-context.ts';

export interface ClaimsRequest {
  context: LoginContext | null;
  /** The client's `urn:brygga:allowed_claims`; undefined means every scope's claims. */
  allowedClaims?: string[];
  /** The client's registered `scope`: claims-parameter claims stay within it. */
  clientScope?: string;
  use: 'id_token' | 'userinfo';
  /** Space-separated granted scopes. */
  scope: string;
  /** The `claims` parameter entries for this use (OIDC Core 5.5). */
  requestedClaims: Record<string, unknown>;
  rejected: string[];
}

/**
 * How the provider turns a login into claims. oidc-provider filters the result again by
 * scope and claims parameter; this seam adds the client allow-list and the domain data.
 */
export interface ClaimsRelease {
  /** oidc-provider `claims` configuration: scope → claim names, and standalone claims. */
  scopeClaims: Record<string, string[] | null>;
  claimsSupported: string[];
  claimsFor(request: ClaimsRequest): Promise<Record<string, unknown>>;
}
