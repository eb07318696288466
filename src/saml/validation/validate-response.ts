import { isBryggaError } from '../../errors/brygga-error.ts';
import { runChecks } from './pipeline.ts';
import { SamlRejection } from './rejection.ts';
import type { SamlResponseInput, SamlValidationPolicy, SamlValidationResult } from './types.ts';

/**
 * Validates a SAML 2.0 Web SSO Response (SAML profiles 4.1.4.3, SC-DEPLOY) and maps the
 * assertion into Brygga's identity vocabulary. The one function the ACS and the CLI use.
 *
 * Never throws for anything in the message: every refusal is `{ verdict: 'reject', rule }`.
 * A BryggaError from the caller's own callbacks (request lookup, replay store) is rethrown
 * so the ACS can answer `database_unavailable` instead of blaming the IdP.
 */
export async function validateSamlResponse(
  input: SamlResponseInput,
  policy: SamlValidationPolicy,
): Promise<SamlValidationResult> {
  const passedChecks: string[] = [];
  try {
    const assertion = await runChecks(input, policy, passedChecks);
    return { verdict: 'accept', assertion, passedChecks };
  } catch (error) {
    if (error instanceof SamlRejection) {
      return {
        verdict: 'reject',
        rule: error.rule,
        detail: error.message,
        ...(error.status ? { status: error.status } : {}),
        passedChecks,
      };
    }
    if (isBryggaError(error)) throw error;
    const name = error instanceof Error ? error.name : typeof error;
    return {
      verdict: 'reject',
      rule: 'internal_error',
      detail: `unexpected ${name}`,
      passedChecks,
    };
  }
}
