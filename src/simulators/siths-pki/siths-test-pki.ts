import { X509Certificate } from 'node:crypto';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { createCertificateAuthority } from '../../dev-pki/dev-pki.ts';
import { x509 } from '../../connectors/siths-card/x509.ts';
import { issueCard, issueIssuingCa, issueOcspSigner } from './pki-certificates.ts';
import type { CardOptions } from './pki-certificates.ts';
import type { SimulatedStatus } from './ocsp-responder.ts';

/** The authorities of a SITHS-like chain: root → issuing CA, plus the OCSP signer. */
export interface PkiAuthorities {
  root: IssuedCertificate;
  issuingCa: IssuedCertificate;
  ocspSigner: IssuedCertificate;
}

/** Names echo SITHS e-id (upstreams.md §3.2) but say plainly that they are not SITHS. */
export const rootName = 'Brygga DEV SITHS e-id Root CA v2';
export const issuingCaName = 'Brygga DEV SITHS e-id Person HSA-id 3 CA v1';

/**
 * A development SITHS-like PKI with its revocation state: which card serials are revoked.
 * Serving OCSP and CRL over HTTP is pki-server.ts; this holds the keys and the answers.
 */
export class SithsTestPki {
  private readonly revoked = new Map<string, Date>();
  /** Base URL of pki-server.ts once it listens; cards issued after that point to it. */
  baseUrl?: string;

  constructor(readonly authorities: PkiAuthorities) {}

  static async create(): Promise<SithsTestPki> {
    const root = await createCertificateAuthority(rootName);
    const issuingCa = await issueIssuingCa(root, issuingCaName);
    const ocspSigner = await issueOcspSigner(issuingCa);
    return new SithsTestPki({ root, issuingCa, ocspSigner });
  }

  get ocspUrl(): string | undefined {
    return this.baseUrl && `${this.baseUrl}/ocsp`;
  }

  get crlUrl(): string | undefined {
    return this.baseUrl && `${this.baseUrl}/crl/issuing-ca.crl`;
  }

  /** The CA certificates a relying party configures (sithsCard.caCertificatePaths). */
  get caCertificatesPem(): string[] {
    return [this.authorities.issuingCa.certificatePem, this.authorities.root.certificatePem];
  }

  async issueCard(options: Omit<CardOptions, 'ocspUrl' | 'crlUrl'>): Promise<IssuedCertificate> {
    return issueCard(this.authorities.issuingCa, {
      ...options,
      ocspUrl: this.ocspUrl,
      crlUrl: this.crlUrl,
    });
  }

  revoke(card: IssuedCertificate, at = new Date()): void {
    this.revoked.set(serialOf(card), at);
  }

  /** OCSP answer: cards of another CA are `unknown`; ours are good unless revoked. */
  statusOf(serialHex: string, sameIssuer: boolean): SimulatedStatus {
    if (!sameIssuer) return { status: 'unknown' };
    const at = this.revoked.get(serialHex.toLowerCase());
    return at ? { status: 'revoked', at } : { status: 'good' };
  }

  async crl(now = new Date()): Promise<x509.X509Crl> {
    const { issuingCa } = this.authorities;
    return x509.X509CrlGenerator.create({
      issuer: issuingCa.certificate.subject,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 86_400_000),
      entries: [...this.revoked].map(([serialNumber, revocationDate]) => ({
        serialNumber,
        revocationDate,
      })),
      signingKey: issuingCa.keys.privateKey,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
    });
  }
}

function serialOf(card: IssuedCertificate): string {
  return new X509Certificate(card.certificatePem).serialNumber.toLowerCase();
}
