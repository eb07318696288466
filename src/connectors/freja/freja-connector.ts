import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import { verifyDetails } from './details-verifier.ts';
import { FrejaHttpClient } from './freja-http.ts';
import type { FrejaTransport } from './freja-http.ts';
import type { SigningCertificate } from './signing-certificates.ts';
import { loadSigningCertificates, signingCertificateState } from './signing-certificates.ts';
import type { FrejaPollResult } from './wire-types.ts';

export interface FrejaConnectorOptions extends FrejaTransport {
  /** PEM texts of the Freja JWS signing certificates to trust, selected by `x5t`. */
  signingCertificatePems: string[];
  logger: Logger;
  now?: () => Date;
}

const pendingStatuses = new Set(['STARTED', 'DELIVERED_TO_MOBILE']);
const endedStatuses = new Set(['CANCELED', 'RP_CANCELED', 'EXPIRED', 'REJECTED']);

/** Freja eID REST authentication service, relying-party side (upstreams.md §2.2). */
export class FrejaConnector {
  private readonly http: FrejaHttpClient;
  private readonly certificates: Map<string, SigningCertificate>;
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(options: FrejaConnectorOptions) {
    this.http = new FrejaHttpClient(options);
    this.certificates = loadSigningCertificates(options.signingCertificatePems);
    this.logger = options.logger.child({ component: 'freja' });
    this.now = options.now ?? (() => new Date());
    for (const certificate of this.certificates.values()) {
      const state = signingCertificateState(certificate, this.now());
      if (state !== 'valid') {
        this.logger.warn({ x5t: certificate.x5t, state }, 'Freja signing certificate not usable');
      }
    }
  }

  /** The configured signing certificates with their state now (for health pages and tests). */
  signingCertificates(): Array<SigningCertificate & { state: string }> {
    return [...this.certificates.values()].map((certificate) => ({
      ...certificate,
      state: signingCertificateState(certificate, this.now()),
    }));
  }

  /**
   * Starts an authentication the user picks up by QR code or app link: INFERRED, Freja eID+
   * only, with name, personnummer and registration level returned (upstreams.md §2.3).
   */
  async initAuthentication(): Promise<{ authRef: string }> {
    const answer = await this.http.post(
      '/authentication/1.0/initAuthentication',
      'initAuthRequest',
      {
        userInfoType: 'INFERRED',
        userInfo: 'N/A',
        minRegistrationLevel: 'PLUS',
        attributesToReturn: [
          { attribute: 'BASIC_USER_INFO' },
          { attribute: 'SSN' },
          { attribute: 'REGISTRATION_LEVEL' },
        ],
      },
    );
    if (typeof answer.authRef !== 'string' || answer.authRef === '') {
      throw new BryggaError('upstream_error', 'Freja initAuthentication returned no authRef');
    }
    this.logger.info({ authRef: answer.authRef }, 'Freja authentication started');
    return { authRef: answer.authRef };
  }

  async getOneResult(authRef: string): Promise<FrejaPollResult> {
    const answer = await this.http.post(
      '/authentication/1.0/getOneResult',
      'getOneAuthResultRequest',
      {
        authRef,
      },
    );
    const status = String(answer.status);
    if (answer.authRef !== authRef) return { kind: 'refused', reason: 'auth_ref_mismatch', status };
    if (pendingStatuses.has(status)) return { kind: 'pending', status } as FrejaPollResult;
    if (endedStatuses.has(status)) return { kind: 'ended', status } as FrejaPollResult;
    if (status !== 'APPROVED') return { kind: 'refused', reason: 'unknown_status', status };
    if (typeof answer.details !== 'string') {
      return { kind: 'refused', reason: 'details_missing', status };
    }

    const verdict = await verifyDetails(answer.details, authRef, this.certificates, this.now());
    if (!verdict.ok) {
      this.logger.warn({ authRef, reason: verdict.reason }, 'Freja result refused');
      return { kind: 'refused', reason: verdict.reason, status };
    }
    return { kind: 'approved', approval: verdict.approval };
  }

  async cancel(authRef: string): Promise<void> {
    await this.http.post('/authentication/1.0/cancel', 'cancelAuthRequest', { authRef });
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
