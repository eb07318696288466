import type { SamlRule } from './types.ts';
import { reject } from './rejection.ts';

/** The validation clock: one `now` and one skew for every time comparison of a message. */
export interface Clock {
  now: number;
  skewMs: number;
}

/** xs:dateTime as SAML core 1.3.3 requires it: UTC, with a Z. */
export function parseInstant(value: string | undefined, what: string, rule: SamlRule): Date {
  if (!value || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)) {
    return reject(rule, `${what} is missing or not a UTC xs:dateTime`);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) reject(rule, `${what} is not a valid time`);
  return instant;
}

/** NotBefore: valid from the instant, minus skew. */
export function assertNotBefore(clock: Clock, notBefore: Date, what: string): void {
  if (clock.now + clock.skewMs < notBefore.getTime()) {
    reject('not_yet_valid', `${what} NotBefore ${notBefore.toISOString()} is in the future`);
  }
}

/** NotOnOrAfter: invalid from the instant on, plus skew. */
export function assertNotOnOrAfter(clock: Clock, notOnOrAfter: Date, what: string): void {
  if (clock.now - clock.skewMs >= notOnOrAfter.getTime()) {
    reject('expired', `${what} NotOnOrAfter ${notOnOrAfter.toISOString()} has passed`);
  }
}

/** IssueInstant must be recent and not in the future (SC-DEPLOY: reject stale messages). */
export function assertFresh(
  clock: Clock,
  issueInstant: Date,
  maxAgeMs: number,
  what: string,
): void {
  const at = issueInstant.getTime();
  if (at > clock.now + clock.skewMs)
    reject('message_stale', `${what} IssueInstant is in the future`);
  if (at < clock.now - clock.skewMs - maxAgeMs) {
    reject('message_stale', `${what} IssueInstant ${issueInstant.toISOString()} is too old`);
  }
}
