import type { ErrorCode } from '../../errors/codes.ts';
import type { SamlValidationResult } from './types.ts';

/** SC-DEPLOY status codes for "the user cancelled" at the IdP. */
const cancelStatuses = new Set(['http://id.elegnamnden.se/status/1.0/cancel']);

/**
 * The BryggaError code the ACS hands to `failLogin` for a refused response: a cancel at
 * the IdP is `login_cancelled`, an IdP error status `upstream_rejected`, our own fault
 * `internal`, anything wrong with the message `saml_invalid`.
 */
export function failureCodeFor(
  result: Extract<SamlValidationResult, { verdict: 'reject' }>,
): ErrorCode {
  if (result.rule === 'internal_error') return 'internal';
  if (result.rule !== 'status_not_success') return 'saml_invalid';
  const codes = [result.status?.code ?? '', ...(result.status?.subCodes ?? [])];
  return codes.some((code) => cancelStatuses.has(code)) ? 'login_cancelled' : 'upstream_rejected';
}
