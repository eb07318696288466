import type { AuthenticatedIdentity } from './authenticated-identity.ts';
import type { LoginInteraction } from './login-method.ts';

export interface LoginChoiceOption {
  careProviderId: string;
  commissionHsaId?: string;
  label: string;
}

/** The operator's verdict on an authenticated person (see README "Login rules"). */
export type LoginDecision =
  | { kind: 'allow'; personId: string; careProviderId?: string; commissionHsaId?: string }
  | { kind: 'refuse'; rule: string; careProviderId?: string }
  | { kind: 'choose'; personId: string; options: LoginChoiceOption[] };

export interface LoginPolicy {
  evaluate(
    identity: AuthenticatedIdentity,
    interaction: LoginInteraction & { requestedClaimNames: string[] },
    now: Date,
  ): Promise<LoginDecision>;
}
