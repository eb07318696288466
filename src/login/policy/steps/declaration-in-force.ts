import type { PolicyStep } from './step.ts';

/** The care provider's self-declaration is approved and the approval has not ended. */
export const declarationInForce: PolicyStep = {
  rule: 'declaration_missing_or_expired',
  async passes(candidate, { domain, now }) {
    return (
      (await domain.selfDeclarations.inForce(candidate.engagement.careProviderId, now)) !== null
    );
  },
};
