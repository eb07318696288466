import type { X509Certificate } from 'node:crypto';
import { CertificateRejected } from './certificate-rejection.ts';
import { isSelfSigned } from './trust-store.ts';
import type { TrustStore } from './trust-store.ts';

/** SITHS chains are root → issuing CA → card; a little room for a policy CA between. */
const maxDepth = 4;

/**
 * Builds the path from the card to a configured root (RFC 5280 6.1, reduced: names and
 * signatures, CA flag, validity). Only configured CAs are used; intermediates the browser
 * sent are ignored. Returns [card, issuer, …, root].
 * TODO(siths-policy): certificate policies, name constraints and path length are not checked;
 * the SITHS policy OIDs (IN-PKI) are not confirmed yet.
 */
export function validateChain(
  card: X509Certificate,
  trust: TrustStore,
  now: Date,
): X509Certificate[] {
  const chain = buildPath(card, trust);
  for (const certificate of chain) checkValidity(certificate, certificate === card, now);
  return chain;
}

function buildPath(card: X509Certificate, trust: TrustStore): X509Certificate[] {
  if (card.ca || isSelfSigned(card)) {
    throw new CertificateRejected('wrong_key_usage', 'a CA or self-signed certificate is no card');
  }
  const candidates = [...trust.intermediates, ...trust.roots];
  const chain = [card];
  let current = card;

  for (let depth = 0; depth < maxDepth; depth += 1) {
    const issuer = candidates.find(
      (candidate) =>
        !chain.includes(candidate) &&
        current.checkIssued(candidate) &&
        current.verify(candidate.publicKey),
    );
    if (!issuer) break;
    chain.push(issuer);
    if (trust.roots.includes(issuer)) return chain;
    current = issuer;
  }
  throw new CertificateRejected('unknown_ca', `no configured SITHS root issued ${card.issuer}`);
}

function checkValidity(certificate: X509Certificate, isCard: boolean, now: Date): void {
  const whose = isCard ? 'the card certificate' : `CA ${certificate.subject}`;
  if (now < certificate.validFromDate) {
    throw new CertificateRejected(
      'not_yet_valid',
      `${whose} is not valid before ${certificate.validFrom}`,
    );
  }
  if (now > certificate.validToDate) {
    throw new CertificateRejected('expired', `${whose} expired ${certificate.validTo}`);
  }
}
