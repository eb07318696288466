import type { X509Certificate } from 'node:crypto';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import { buildOcspRequest } from './ocsp-request.ts';
import { readOcspResponse } from './ocsp-response.ts';
import { RevocationUnavailable } from './revocation-unavailable.ts';
import type { OcspStatus } from './ocsp-response.ts';
import { x509 } from './x509.ts';

/** Largest OCSP answer read; real ones are a few kilobytes. */
const maxResponseBytes = 64 * 1024;

/**
 * Asks the card's OCSP responder (RFC 6960 Appendix A.1, HTTP POST). Every way of not getting
 * a usable answer throws RevocationUnavailable, so the policy lives in one place (revocation.ts).
 */
export async function askOcsp(
  card: X509Certificate,
  issuer: X509Certificate,
  config: SithsCardConfig,
  now: Date,
): Promise<OcspStatus> {
  const url = config.ocsp.url ?? ocspUrlOf(card);
  if (!url) throw new RevocationUnavailable('the card names no OCSP responder');

  const request = buildOcspRequest(card, issuer, config.ocsp.requireNonce);
  const der = await post(url, request.der, config.ocsp.timeoutMs);
  const check = { request, issuer, now, skewMs: config.clockSkewSeconds * 1000 };
  try {
    return readOcspResponse(der, { ...check, requireNonce: config.ocsp.requireNonce });
  } catch (error) {
    if (error instanceof RevocationUnavailable) throw error;
    throw new RevocationUnavailable('the OCSP answer is malformed', { cause: error });
  }
}

/** RFC 5280 4.2.2.1 Authority Information Access, access method id-ad-ocsp. */
export function ocspUrlOf(card: X509Certificate): string | undefined {
  const access = new x509.X509Certificate(card.raw).getExtension(x509.AuthorityInfoAccessExtension);
  return access?.ocsp.find((name) => name.type === 'url' && /^https?:/.test(name.value))?.value;
}

async function post(url: string, body: Buffer, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new RevocationUnavailable('the OCSP responder did not answer', { cause: error });
  }
  if (!response.ok) {
    throw new RevocationUnavailable(`the OCSP responder answered HTTP ${response.status}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxResponseBytes)
    throw new RevocationUnavailable('the OCSP answer is too large');
  return bytes;
}
