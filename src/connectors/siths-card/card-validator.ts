import { X509Certificate } from 'node:crypto';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import type { Logger } from '../../log/logger.ts';
import { readCardHolder } from './card-holder.ts';
import type { CardHolder } from './card-holder.ts';
import { checkCardUsage } from './card-usage.ts';
import { validateChain } from './certificate-chain.ts';
import { CertificateRejected } from './certificate-rejection.ts';
import { CrlCache } from './crl-cache.ts';
import { checkRevocation } from './revocation.ts';
import type { RevocationSource } from './revocation.ts';
import type { TrustStore } from './trust-store.ts';

/** A card that passed every check, with what the login needs from it. */
export interface ValidatedCard {
  holder: CardHolder;
  validFrom: Date;
  validTo: Date;
  issuer: string;
  /** Hex serial number and SHA-256 fingerprint: safe to log and audit. */
  serialNumber: string;
  fingerprint: string;
  revocation: RevocationSource;
}

/**
 * The checks a card certificate passes, in order: path to a configured root with validity,
 * key usage, holder's HSA-ID, then revocation (last, as it is the only network step).
 * Every refusal is a CertificateRejected with a reason.
 */
export class CardValidator {
  private readonly crls: CrlCache;

  constructor(
    private readonly config: SithsCardConfig,
    private readonly trust: TrustStore,
    private readonly logger: Logger,
  ) {
    this.crls = new CrlCache(config.crl, trust, logger, config.clockSkewSeconds * 1000);
  }

  async validate(certificate: Buffer | string, now = new Date()): Promise<ValidatedCard> {
    const card = parseCertificate(certificate);
    const chain = validateChain(card, this.trust, now);
    checkCardUsage(card);
    const holder = readCardHolder(card);
    const issuer = chain[1] as X509Certificate;
    const revocation = await checkRevocation(card, issuer, {
      config: this.config,
      crls: this.crls,
      logger: this.logger,
      now,
    });
    return {
      holder,
      validFrom: card.validFromDate,
      validTo: card.validToDate,
      issuer: card.issuer,
      serialNumber: card.serialNumber,
      fingerprint: card.fingerprint256,
      revocation,
    };
  }
}

export function parseCertificate(certificate: Buffer | string): X509Certificate {
  try {
    return new X509Certificate(certificate);
  } catch (error) {
    throw new CertificateRejected('malformed_certificate', 'the certificate cannot be read', {
      cause: error,
    });
  }
}
