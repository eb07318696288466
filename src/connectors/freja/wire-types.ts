/** Freja eID REST authentication statuses (upstreams.md §2.5). */
export type FrejaPendingStatus = 'STARTED' | 'DELIVERED_TO_MOBILE';
export type FrejaEndedStatus = 'CANCELED' | 'RP_CANCELED' | 'EXPIRED' | 'REJECTED';
export type FrejaStatus = FrejaPendingStatus | FrejaEndedStatus | 'APPROVED';

export type FrejaRegistrationLevel = 'BASIC' | 'EXTENDED' | 'PLUS';

/** What a verified `details` JWS says about the person (upstreams.md §2.4, §2.6). */
export interface FrejaApproval {
  authRef: string;
  /** 12 digits: a personnummer or a samordningsnummer (Freja eID+ is Swedish only). */
  ssn: string;
  givenName: string;
  surname: string;
  registrationLevel: FrejaRegistrationLevel;
  /** When Freja signed the result, epoch milliseconds. */
  timestamp: number;
  /** The signed result as received, kept for audit and never logged. */
  detailsJws: string;
  /** The signing certificate used, by thumbprint. */
  x5t: string;
}

/** Why an APPROVED result was not believed. */
export type FrejaRefusalReason =
  | 'details_missing'
  | 'details_malformed'
  | 'unknown_signing_key'
  | 'signing_certificate_expired'
  | 'signing_certificate_not_yet_valid'
  | 'signature_invalid'
  | 'auth_ref_mismatch'
  | 'status_mismatch'
  | 'registration_level_too_low'
  | 'attributes_missing'
  | 'timestamp_outside_certificate'
  | 'unknown_status';

/** One getOneResult, judged. */
export type FrejaPollResult =
  | { kind: 'pending'; status: FrejaPendingStatus }
  | { kind: 'approved'; approval: FrejaApproval }
  | { kind: 'ended'; status: FrejaEndedStatus }
  | { kind: 'refused'; reason: FrejaRefusalReason; status: string };
