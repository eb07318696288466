import type { Commission } from '../../domain/model/staff-member.ts';

/** Why a login was refused; stable codes, recorded in the audit log. */
export const refusalRules = [
  'not_registered',
  'licence_inactive',
  'method_not_allowed',
  'seats_exceeded',
  'declaration_missing_or_expired',
] as const;
export type RefusalRule = (typeof refusalRules)[number];

/** One claim's entry in the OIDC `claims` request parameter (OIDC Core 5.5.1). */
export interface ClaimRequest {
  essential?: boolean;
  value?: unknown;
  values?: unknown[];
}

export interface ClaimsParameter {
  id_token?: Record<string, ClaimRequest | null>;
  userinfo?: Record<string, ClaimRequest | null>;
}

/** What the policy needs to know about the authorization request. */
export interface LoginRequest {
  clientId: string;
  /** Space-separated scopes, as requested. */
  scope: string;
  claims?: ClaimsParameter;
  loginHint?: string;
}

/** A care provider, or one commission at it, the person may act for. */
export interface LoginOption {
  /** `<careProviderId>` or `<careProviderId>/<commissionHsaId>`; posted back by the page. */
  key: string;
  careProviderId: string;
  careProviderName: string;
  orgNumber: string;
  commission?: Commission;
}

export type LoginOutcome =
  | { kind: 'allow'; personId: string; careProviderId?: string; commission?: Commission }
  | { kind: 'refuse'; rule: RefusalRule; personId?: string; careProviderId?: string }
  | { kind: 'choose'; personId: string; options: LoginOption[] };
