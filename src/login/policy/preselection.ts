import { claim } from '../../claims/names.ts';
import type { LoginRequest } from './types.ts';

/**
 * What the client asked to log in as, before the person chooses:
 *
 * - the `claims` request parameter (OIDC Core 5.5.1) with a `value` for
 *   `http://sambi.se/attributes/1/commissionHsaId` (a commission) or
 *   `https://id.oidc.se/claim/orgNumber` (a care provider), in `id_token` or `userinfo`;
 * - else `login_hint=commission:<HSA-ID>` or `login_hint=orgNumber:<10 digits>`.
 *
 * OIDC Sweden (OS-PROFILE 2.1) prefers the claims parameter for this; the login_hint form
 * is offered for clients that cannot send one.
 */
export interface Preselection {
  commissionHsaId?: string;
  orgNumber?: string;
}

export function preselectionOf(request: LoginRequest): Preselection {
  const commissionHsaId =
    requestedValue(request, claim.commissionHsaId) ?? hinted(request, 'commission');
  const orgNumber = requestedValue(request, claim.orgNumber) ?? hinted(request, 'orgNumber');
  return {
    ...(commissionHsaId && { commissionHsaId: commissionHsaId.toUpperCase() }),
    ...(orgNumber && { orgNumber: orgNumber.replace('-', '') }),
  };
}

function requestedValue(request: LoginRequest, name: string): string | undefined {
  for (const target of [request.claims?.id_token, request.claims?.userinfo]) {
    const value = target?.[name]?.value;
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

function hinted(request: LoginRequest, prefix: string): string | undefined {
  const hint = request.loginHint?.trim();
  if (!hint?.startsWith(`${prefix}:`)) return undefined;
  return hint.slice(prefix.length + 1).trim() || undefined;
}
