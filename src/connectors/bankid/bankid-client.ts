import { Agent, request } from 'undici';
import type { Logger } from '../../log/logger.ts';
import { BankIdUpstreamError, toBryggaError, upstreamErrorFrom } from './bankid-errors.ts';
import type { AuthRequest, CollectResult, OrderResponse } from './bankid-types.ts';
import { parseCollect, parseOrder } from './bankid-responses.ts';

/** The RP certificate BankID issued through the bank: PKCS#12, or PEM key and certificate. */
export type RpCredential =
  { pfx: Buffer; passphrase?: string } | { certificatePem: string; privateKeyPem: string };

export interface BankIdClientOptions {
  /** e.g. `https://appapi2.test.bankid.com/rp/v6.0/` */
  baseUrl: string;
  /** BankID's SSL root: the only certificate the server chain may end in. */
  pinnedRootPem: string;
  credential: RpCredential;
  timeoutMs?: number;
  logger: Logger;
}

/**
 * BankID RP API v6.0 over mutual TLS. Every failure leaves as a BryggaError (cause:
 * BankIdUpstreamError); nothing is retried here — BankID asks for no automatic retry
 * for most errors, and the flow decides about the rest.
 */
export class BankIdClient {
  private readonly agent: Agent;
  private readonly baseUrl: URL;
  private readonly logger: Logger;
  private readonly timeoutMs: number;

  constructor(options: BankIdClientOptions) {
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.logger = options.logger.child({ component: 'bankid' });
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const credential =
      'pfx' in options.credential
        ? { pfx: options.credential.pfx, passphrase: options.credential.passphrase }
        : { cert: options.credential.certificatePem, key: options.credential.privateKeyPem };
    this.agent = new Agent({
      connect: {
        // Giving `ca` replaces Node's built-in roots: only BankID's root is trusted.
        ca: [options.pinnedRootPem],
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        ...credential,
      },
    });
  }

  /** BankID RP API v6 /auth */
  async auth(body: AuthRequest): Promise<OrderResponse> {
    return this.post('auth', body, parseOrder);
  }

  /** BankID RP API v6 /collect; call every 2 s while pending. */
  async collect(orderRef: string): Promise<CollectResult> {
    return this.post('collect', { orderRef }, parseCollect);
  }

  /** BankID RP API v6 /cancel */
  async cancel(orderRef: string): Promise<void> {
    await this.post('cancel', { orderRef }, () => undefined);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async post<T>(endpoint: string, body: unknown, parse: (body: unknown) => T): Promise<T> {
    const url = new URL(endpoint, this.baseUrl);
    try {
      const response = await request(url, {
        method: 'POST',
        // BankID RP API v6 Errors table, 415: no charset parameter.
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        dispatcher: this.agent,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await response.body.text();
      const parsed = parseJson(text);
      if (response.statusCode !== 200) {
        throw upstreamErrorFrom(response.statusCode, parsed);
      }
      if (parsed === undefined) throw new BankIdUpstreamError('badResponse', 200, 'not JSON');
      return parse(parsed);
    } catch (error) {
      const translated = toBryggaError(error);
      const cause = translated.cause as BankIdUpstreamError;
      this.logger.warn(
        {
          endpoint,
          errorCode: cause.errorCode,
          httpStatus: cause.httpStatus,
          details: cause.details,
        },
        'BankID request failed',
      );
      throw translated;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
