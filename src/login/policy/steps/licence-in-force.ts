import type { PolicyStep } from './step.ts';

/** The care provider holds a licence that is active and inside its dates. */
export const licenceInForce: PolicyStep = {
  rule: 'licence_inactive',
  async passes(candidate, { domain, now }) {
    candidate.licences = await domain.licences.inForce(candidate.engagement.careProviderId, now);
    return candidate.licences.length > 0;
  },
};
