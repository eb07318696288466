import type { TestPerson } from './people.ts';
import type { StartRequest } from './validation.ts';

/** Where a simulated order stands; hint codes follow BankID RP API v6 /collect. */
export type OrderPhase =
  'outstanding' | 'started' | 'userSign' | 'userMrtd' | 'complete' | 'failed';

export type FailedHint =
  | 'expiredTransaction'
  | 'certificateErr'
  | 'userCancel'
  | 'cancelled'
  | 'startFailed'
  | 'transactionRiskBlocked';

export interface CompletionData {
  user: { personalNumber: string; name: string; givenName: string; surname: string };
  device: { ipAddress: string; uhi: string };
  bankIdIssueDate: string;
  stepUp?: { mrtd: boolean };
  signature: string;
  ocspResponse: string;
  risk?: 'low' | 'moderate' | 'high';
}

export interface SimOrder {
  kind: 'auth' | 'sign';
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  request: StartRequest;
  /** When the /auth or /sign response was sent: time zero of the animated QR code. */
  createdAt: number;
  phase: OrderPhase;
  pickedUpBy?: 'qr' | 'autostart' | 'autoApprove';
  person?: TestPerson;
  /** When the simulated ID document check (userMrtd) finishes. */
  mrtdDoneAt?: number;
  failedHint?: FailedHint;
  finishedAt?: number;
  completionData?: CompletionData;
}

export function isActive(order: SimOrder): boolean {
  return order.phase !== 'complete' && order.phase !== 'failed';
}

export interface CollectResponse {
  orderRef: string;
  status: 'pending' | 'failed' | 'complete';
  hintCode?: string;
  completionData?: CompletionData;
}
