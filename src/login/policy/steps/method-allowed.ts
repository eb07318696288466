import { licensedMethods } from '../../../domain/model/licence.ts';
import type { LicensedMethod } from '../../../domain/model/licence.ts';
import type { LoginMethodId } from '../../authenticated-identity.ts';
import type { PolicyStep } from './step.ts';

/**
 * The login method used is one the licence allows. The development test login is not a
 * licensable method (production refuses it in config), so it passes here.
 */
export const methodAllowed: PolicyStep = {
  rule: 'method_not_allowed',
  async passes(candidate, { identity }) {
    if (identity.method === 'dev') return true;
    const method = identity.method;
    candidate.licences = candidate.licences.filter((licence) =>
      licence.allowedMethods.includes(method as LicensedMethod),
    );
    return candidate.licences.length > 0;
  },
};

export function isLicensedMethod(method: LoginMethodId): method is LicensedMethod {
  return (licensedMethods as readonly string[]).includes(method);
}
