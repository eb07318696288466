import type { LoginContext } from '../../claims/login-context.ts';
import type { Domain } from '../../domain/domain.ts';
import { identityNumberOf } from '../../domain/model/staff-member.ts';
import { candidatesOf } from './candidate.ts';
import { commissionsOf } from './options.ts';
import { runSteps } from './run-steps.ts';
import { revalidationSteps } from './steps.ts';
import type { RefusalRule } from './types.ts';

/**
 * Whether a login the bridge allowed earlier still stands: the same person, still active
 * at the care provider chosen (or at one of theirs when none was), whose licence is in
 * force and still allows the method, whose self-declaration is valid, and who still holds
 * the commission chosen. Returns the rule that no longer holds, or null.
 */
export async function brokenRuleOf(
  domain: Domain,
  login: LoginContext,
  now: Date,
): Promise<RefusalRule | null> {
  const staffMember = await domain.staff.find(login.personId);
  if (!staffMember) return 'not_registered';
  const loginNumber = identityNumberOf(login);
  const storedNumber = identityNumberOf(staffMember);
  if (loginNumber && storedNumber && loginNumber !== storedNumber) return 'not_registered';

  const candidates = (await candidatesOf(domain, staffMember)).filter(
    (candidate) =>
      !login.careProviderId || candidate.engagement.careProviderId === login.careProviderId,
  );
  if (candidates.length === 0) return 'not_registered';
  const { passing, refusal } = await runSteps(
    candidates,
    { domain, identity: login, now },
    revalidationSteps,
  );
  if (passing.length === 0) return refusal.rule;

  const commissionHsaId = login.commission?.commissionHsaId;
  if (!commissionHsaId) return null;
  const held = passing.some((candidate) =>
    commissionsOf(candidate, login).some((c) => c.commissionHsaId === commissionHsaId),
  );
  return held ? null : 'not_registered';
}
