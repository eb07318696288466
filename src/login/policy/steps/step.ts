import type { Candidate, PolicyContext } from '../candidate.ts';
import type { RefusalRule } from '../types.ts';

/** One operator rule: the candidate passes, or the login is refused with `rule`. */
export interface PolicyStep {
  rule: RefusalRule;
  passes(candidate: Candidate, context: PolicyContext): Promise<boolean>;
}
