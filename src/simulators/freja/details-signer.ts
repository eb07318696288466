import { createHash, X509Certificate } from 'node:crypto';
import { CompactSign } from 'jose';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';

/**
 * Signs the `details` of an approved result as Freja does: a compact JWS whose header names
 * the signing certificate by `x5t`, base64url(SHA-1(DER)) (upstreams.md §2.6).
 */
export class DetailsSigner {
  readonly x5t: string;

  constructor(private readonly signing: IssuedCertificate) {
    const der = new X509Certificate(signing.certificatePem).raw;
    this.x5t = createHash('sha1').update(der).digest('base64url');
  }

  async sign(payload: Record<string, unknown>): Promise<string> {
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'RS256', x5t: this.x5t })
      .sign(this.signing.keys.privateKey);
  }
}
