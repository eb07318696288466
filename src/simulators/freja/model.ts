import type { FrejaTestPerson } from '../../config/sections/freja.ts';

/** Freja eID REST transaction statuses (upstreams.md §2.5). */
export type FrejaStatus =
  | 'STARTED'
  | 'DELIVERED_TO_MOBILE'
  | 'APPROVED'
  | 'CANCELED'
  | 'RP_CANCELED'
  | 'EXPIRED'
  | 'REJECTED';

export const finalStatuses: ReadonlySet<FrejaStatus> = new Set([
  'APPROVED',
  'CANCELED',
  'RP_CANCELED',
  'EXPIRED',
  'REJECTED',
]);

export type RegistrationLevel = 'BASIC' | 'EXTENDED' | 'PLUS';
export const registrationLevels: readonly RegistrationLevel[] = ['BASIC', 'EXTENDED', 'PLUS'];

export type UserInfoType = 'INFERRED' | 'EMAIL' | 'PHONE' | 'SSN' | 'UPI';

/** A validated initAuthRequest (upstreams.md §2.3). */
export interface InitAuthRequest {
  userInfoType: UserInfoType;
  userInfo: string;
  minRegistrationLevel: RegistrationLevel;
  attributesToReturn: string[];
  useDynamicQrCode: boolean;
}

export interface SimulatedTransaction {
  authRef: string;
  request: InitAuthRequest;
  status: FrejaStatus;
  createdAt: number;
  /** The user has two minutes to confirm (upstreams.md §2.2). */
  expiresAt: number;
  /** The user this request belongs to: known at init for SSN/EMAIL, on scan for INFERRED. */
  userKey?: string;
  person?: FrejaTestPerson;
  /** Signed result, only when APPROVED (upstreams.md §2.6). */
  details?: string;
  requestedAttributes?: Record<string, unknown>;
  qrCodeSecret?: string;
}

export type PersonLevel = Pick<FrejaTestPerson, 'registrationLevel'>;

export function meetsLevel(person: PersonLevel, minimum: RegistrationLevel): boolean {
  return (
    registrationLevels.indexOf(person.registrationLevel) >= registrationLevels.indexOf(minimum)
  );
}
