/**
 * An OCSP responder or CRL gave no answer that can be relied on (unreachable, malformed,
 * badly signed, out of date, replayed). revocation.ts turns it into a login decision.
 */
export class RevocationUnavailable extends Error {
  override readonly name = 'RevocationUnavailable';
}
