import type { SamlRule, SamlStatus } from './types.ts';

/**
 * Thrown by each check inside the validation pipeline and turned into a `reject` verdict in
 * one place (validate-response.ts). Never leaves the SAML modules: callers see verdicts.
 */
export class SamlRejection extends Error {
  readonly rule: SamlRule;
  readonly status?: SamlStatus;

  constructor(rule: SamlRule, detail: string, options?: { status?: SamlStatus; cause?: unknown }) {
    super(detail, { cause: options?.cause });
    this.name = 'SamlRejection';
    this.rule = rule;
    this.status = options?.status;
  }
}

export function reject(rule: SamlRule, detail: string, cause?: unknown): never {
  throw new SamlRejection(rule, detail, { cause });
}
