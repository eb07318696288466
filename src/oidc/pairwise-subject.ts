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

interface SectorSource {
  clientId: string;
  applicationType?: string;
  sectorIdentifierUri?: string;
  sectorIdentifier?: string;
}

/**
 * The sector a pairwise `sub` belongs to (OIDC Core 8.1): the host of the
 * sector_identifier_uri or of the redirect URIs. A native app without a
 * sector_identifier_uri is its own sector: its loopback or private-use redirect "host" is
 * shared with unrelated apps (RFC 8252 7.1, 7.3), which must not get the same `sub`.
 */
export function sectorOf(client: SectorSource): string {
  if (client.applicationType === 'native' && !client.sectorIdentifierUri) {
    return `native:${client.clientId}`;
  }
  return client.sectorIdentifier ?? client.clientId;
}
