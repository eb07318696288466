import { createHmac } from 'node:crypto';

/**
 * Pairwise subject identifiers (OIDC Core 8.1): HMAC-SHA256 over the sector identifier
 * and the internal person id, keyed by secrets.pairwiseSalt. Stable across restarts and
 * processes; never derived from a personal identity number.
 */
export function pairwiseSubject(salt: string, sectorIdentifier: string, personId: string): string {
  return createHmac('sha256', salt)
    .update(`${sectorIdentifier}\u0000${personId}`)
    .digest('base64url');
}
