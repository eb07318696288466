import type { PolicyStep } from './step.ts';

/** The person is active at the care provider, and the care provider is active. */
export const registered: PolicyStep = {
  rule: 'not_registered',
  async passes(candidate) {
    return candidate.engagement.active && candidate.careProvider?.status === 'active';
  },
};
