import { interactionPolicy as oidcPolicy } from 'oidc-provider';

const { Check, base } = oidcPolicy;

/**
 * oidc-provider's default prompts, plus the Sweden Connect OIDC profile rule (4.1):
 * an absent `prompt` is treated as `prompt=login`, so every authorization request
 * authenticates afresh unless the client asks for `prompt=none` (silent SSO).
 */
export function interactionPolicy(): ReturnType<typeof base> {
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');

  login.checks.add(
    new Check('profile_prompt_login', 'a fresh authentication is required', (ctx) => {
      const { oidc } = ctx;
      if (oidc.params?.prompt !== undefined) return Check.NO_NEED_TO_PROMPT;
      return oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  // findAccount refuses a session's account that no longer passes the operator's rules
  // (find-account.ts): the person must log in again, and prompt=none gets login_required.
  login.checks.add(
    new Check(
      'account_not_allowed',
      'End-User authentication is required',
      'login_required',
      (ctx) =>
        ctx.oidc.session?.accountId && !ctx.oidc.account
          ? Check.REQUEST_PROMPT
          : Check.NO_NEED_TO_PROMPT,
    ),
    0,
  );
  return policy;
}
