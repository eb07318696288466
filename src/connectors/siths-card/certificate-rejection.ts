import { BryggaError } from '../../errors/brygga-error.ts';

/**
 * Why a card certificate was refused. The reason is the `detail` handed to failLogin and the
 * `reason` of the audit event, so these names are stable.
 */
export type RejectionReason =
  | 'missing_certificate'
  | 'malformed_certificate'
  | 'untrusted_proxy'
  | 'unknown_ca'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_key_usage'
  | 'invalid_hsa_id'
  | 'revoked'
  | 'revocation_unknown'
  | 'revocation_unavailable';

/** A card certificate that must not log anyone in (error code `certificate_invalid`). */
export class CertificateRejected extends BryggaError {
  readonly reason: RejectionReason;

  constructor(reason: RejectionReason, message?: string, options?: { cause?: unknown }) {
    super('certificate_invalid', message ?? reason, options);
    this.reason = reason;
  }
}

export function isCertificateRejected(error: unknown): error is CertificateRejected {
  return error instanceof CertificateRejected;
}
