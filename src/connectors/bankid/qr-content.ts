import { createHmac } from 'node:crypto';

/**
 * Animated QR content (BankID RP API v6, QR code guide):
 * `bankid.<qrStartToken>.<time>.<hex HMAC-SHA256(qrStartSecret, time)>`, where time is
 * whole seconds since the /auth response. Computed on the server only: the
 * qrStartSecret never reaches the browser.
 */
export function qrContent(qrStartToken: string, qrStartSecret: string, seconds: number): string {
  const time = String(Math.max(0, Math.floor(seconds)));
  const qrAuthCode = createHmac('sha256', qrStartSecret).update(time).digest('hex');
  return `bankid.${qrStartToken}.${time}.${qrAuthCode}`;
}

/** Whole seconds between the order's start and now (truncated, never negative). */
export function secondsSince(startedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000));
}
