import type { Candidate, PolicyContext } from './candidate.ts';
import { policySteps } from './steps.ts';
import type { PolicyStep } from './steps/step.ts';
import type { RefusalRule } from './types.ts';

export type Refusal = { kind: 'refuse'; rule: RefusalRule; careProviderId?: string };

/**
 * Runs the steps (by default every login rule, in their declared order) for each
 * candidate. When none passes, the refusal names the rule of the candidate that got
 * furthest: the most specific reason the person can act on.
 */
export async function runSteps(
  candidates: Candidate[],
  context: PolicyContext,
  steps: readonly PolicyStep[] = policySteps,
): Promise<{ passing: Candidate[]; refusal: Refusal }> {
  const passing: Candidate[] = [];
  let furthest = -1;
  let refusal: Refusal = { kind: 'refuse', rule: 'not_registered' };

  for (const candidate of candidates) {
    const failedAt = await firstFailingStep(candidate, context, steps);
    if (failedAt === -1) {
      passing.push(candidate);
      continue;
    }
    if (failedAt > furthest) {
      furthest = failedAt;
      refusal = {
        kind: 'refuse',
        rule: steps[failedAt]?.rule ?? 'not_registered',
        careProviderId: candidate.engagement.careProviderId,
      };
    }
  }
  return { passing, refusal };
}

async function firstFailingStep(
  candidate: Candidate,
  context: PolicyContext,
  steps: readonly PolicyStep[],
): Promise<number> {
  for (const [index, step] of steps.entries()) {
    if (!(await step.passes(candidate, context))) return index;
  }
  return -1;
}
