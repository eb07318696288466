import { createHmac, timingSafeEqual } from 'node:crypto';

/** qrAuthCode = lowercase hex HMAC-SHA256(key = qrStartSecret, message = time) (animated QR). */
export function qrAuthCode(qrStartSecret: string, time: string): string {
  return createHmac('sha256', qrStartSecret).update(time).digest('hex');
}

export function qrAuthCodeMatches(qrStartSecret: string, time: string, presented: string): boolean {
  const expected = Buffer.from(qrAuthCode(qrStartSecret, time), 'hex');
  const given = Buffer.from(presented, 'hex');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
