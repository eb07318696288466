import type { X509Certificate } from 'node:crypto';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import type { Logger } from '../../log/logger.ts';
import { RevocationUnavailable } from './revocation-unavailable.ts';
import type { TrustStore } from './trust-store.ts';
import { x509 } from './x509.ts';

/** SITHS CRLs run to megabytes; refuse anything far beyond that. */
const maxCrlBytes = 50 * 1024 * 1024;

interface CachedCrl {
  crl: x509.X509Crl;
  /** SHA-256 fingerprint of the configured CA whose key verified the CRL. */
  issuerFingerprint: string;
  fetchedAt: number;
}

/**
 * The configured CRLs (RFC 5280 5), fetched on first use and again after `refreshSeconds` or
 * once nextUpdate has passed. A CRL is kept only when a configured CA signed it; when a fetch
 * fails the previous copy serves until its own nextUpdate.
 */
export class CrlCache {
  private readonly cached = new Map<string, CachedCrl>();
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(
    private readonly config: SithsCardConfig['crl'],
    private readonly trust: TrustStore,
    private readonly logger: Logger,
    private readonly skewMs: number,
  ) {}

  get enabled(): boolean {
    return this.config.urls.length > 0;
  }

  async statusOf(
    card: X509Certificate,
    issuer: X509Certificate,
    now: Date,
  ): Promise<'good' | 'revoked'> {
    await Promise.all(this.config.urls.map((url) => this.refreshIfStale(url)));

    const current = [...this.cached.values()].find(
      (entry) =>
        entry.issuerFingerprint === issuer.fingerprint256 &&
        entry.crl.thisUpdate.getTime() <= now.getTime() + this.skewMs &&
        (entry.crl.nextUpdate?.getTime() ?? 0) >= now.getTime() - this.skewMs,
    );
    if (!current) throw new RevocationUnavailable(`no current CRL for ${issuer.subject}`);
    return current.crl.findRevoked(new x509.X509Certificate(card.raw)) ? 'revoked' : 'good';
  }

  private async refreshIfStale(url: string): Promise<void> {
    const entry = this.cached.get(url);
    const age = entry ? Date.now() - entry.fetchedAt : Infinity;
    const passed = entry ? (entry.crl.nextUpdate?.getTime() ?? 0) < Date.now() : true;
    if (age < this.config.refreshSeconds * 1000 && !passed) return;

    let running = this.fetching.get(url);
    if (!running) {
      running = this.fetch(url).finally(() => this.fetching.delete(url));
      this.fetching.set(url, running);
    }
    await running;
  }

  private async fetch(url: string): Promise<void> {
    try {
      const crl = new x509.X509Crl(await download(url, this.config.timeoutMs));
      const issuerFingerprint = await this.verifiedIssuer(crl);
      this.cached.set(url, { crl, issuerFingerprint, fetchedAt: Date.now() });
      this.logger.info({ crlUrl: url, nextUpdate: crl.nextUpdate }, 'CRL refreshed');
    } catch (error) {
      this.logger.warn({ crlUrl: url, err: error }, 'CRL not refreshed; keeping the previous copy');
    }
  }

  private async verifiedIssuer(crl: x509.X509Crl): Promise<string> {
    const issuerName = Buffer.from(crl.issuerName.toArrayBuffer());
    for (const ca of [...this.trust.intermediates, ...this.trust.roots]) {
      const parsed = new x509.X509Certificate(ca.raw);
      if (!issuerName.equals(Buffer.from(parsed.subjectName.toArrayBuffer()))) continue;
      if (await crl.verify({ publicKey: parsed })) return ca.fingerprint256;
    }
    throw new RevocationUnavailable(`no configured CA signed the CRL of ${crl.issuer}`);
  }
}

async function download(url: string, timeoutMs: number): Promise<ArrayBuffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok)
    throw new RevocationUnavailable(`CRL download answered HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxCrlBytes) throw new RevocationUnavailable('the CRL is too large');
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > maxCrlBytes) throw new RevocationUnavailable('the CRL is too large');
  return bytes;
}
