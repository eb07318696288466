/** BankID RP API v6.0 request and response shapes as Brygga uses them (upstreams §1.2–1.4). */

export interface WebDeviceData {
  referringDomain: string;
  userAgent: string;
  deviceIdentifier: string;
}

export interface AuthRequest {
  endUserIp: string;
  requirement?: {
    pinCode?: boolean;
    mrtd?: boolean;
    certificatePolicies?: string[];
    personalNumber?: string;
    risk?: 'low' | 'moderate';
  };
  /** base64 of UTF-8 text */
  userVisibleData?: string;
  userVisibleDataFormat?: 'simpleMarkdownV1';
  returnUrl?: string;
  returnRisk?: boolean;
  web?: WebDeviceData;
}

export interface OrderResponse {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
}

export interface CompletionData {
  user: { personalNumber: string; name: string; givenName: string; surname: string };
  device: { ipAddress: string; uhi?: string };
  bankIdIssueDate?: string;
  stepUp?: { mrtd: boolean };
  signature: string;
  ocspResponse: string;
  risk?: string;
}

/** `hintCode` only with pending/failed, `completionData` only with complete (/collect). */
export type CollectResult =
  | { orderRef: string; status: 'pending'; hintCode: string }
  | { orderRef: string; status: 'failed'; hintCode: string }
  | { orderRef: string; status: 'complete'; completionData: CompletionData };
