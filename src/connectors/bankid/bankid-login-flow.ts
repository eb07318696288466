import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { BankIdConfig } from '../../config/sections/bankid.ts';
import type { ErrorCode } from '../../errors/codes.ts';
import type { Logger } from '../../log/logger.ts';
import { bankIdErrorCode, toBryggaError } from './bankid-errors.ts';
import type { AuthRequest, CollectResult, OrderResponse, WebDeviceData } from './bankid-types.ts';
import { completionOf, riskAccepted } from './bankid-completion.ts';
import type { BankIdOrderDocument, BankIdOrderRepository } from './order-repository.ts';

/** The part of the BankID client the flow needs (a test can substitute it). */
export interface BankIdApi {
  auth(body: AuthRequest): Promise<OrderResponse>;
  collect(orderRef: string): Promise<CollectResult>;
  cancel(orderRef: string): Promise<void>;
}

export interface BankIdFlowDeps {
  api: BankIdApi;
  repository: BankIdOrderRepository;
  config: BankIdConfig;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
  /** Origin the browser returns to after an autostarted order, e.g. https://brygga.example */
  publicOrigin: string;
}

export interface BrowserContext {
  endUserIp: string;
  web: WebDeviceData;
  mobile: boolean;
}

const collectIntervalMs = 2_000; // BankID RP API v6 /collect: every two seconds
const staleStartMs = 15_000;
const transientErrors = new Set(['maintenance', 'toomanyrequests', 'network']);

/**
 * One BankID order per interaction, driven by the browser's status polls: whichever
 * process serves a poll collects when due, guarded by conditional updates on `version`.
 */
export class BankIdLoginFlow {
  constructor(private readonly deps: BankIdFlowDeps) {}

  /** Finds or starts the login's order; a second request (double click) reuses the first. */
  async begin(uid: string, browser: BrowserContext): Promise<BankIdOrderDocument | null> {
    const { repository, now, config } = this.deps;
    const existing = await repository.find(uid);
    if (existing) return existing;
    const created = await repository.create({
      uid,
      state: 'starting',
      version: 0,
      restarts: 0,
      autostart: false,
      mobile: browser.mobile,
      endUserIp: browser.endUserIp,
      web: browser.web,
      returnNonce: randomBytes(24).toString('base64url'),
      startClaimedAt: now(),
      createdAt: now(),
      expiresAt: new Date(now().getTime() + config.flowTtlSeconds * 1000),
    });
    const document = await repository.find(uid);
    return created && document ? this.startOrder(document) : document;
  }

  /** Collects when due and moves the login on; the document as it now stands. */
  async advance(uid: string): Promise<BankIdOrderDocument | null> {
    const { repository, now } = this.deps;
    const document = await repository.find(uid);
    if (!document) return null;

    if (document.state === 'starting') {
      // A process died between claiming the start and storing the order.
      const claimedAt = document.startClaimedAt?.getTime() ?? 0;
      if (now().getTime() - claimedAt < staleStartMs) return document;
      const claimed = await repository.update(uid, document.version, { startClaimedAt: now() });
      return claimed ? this.startOrder(claimed) : repository.find(uid);
    }
    if (document.state !== 'pending' || !document.order) return document;
    if ((document.nextCollectAt?.getTime() ?? 0) > now().getTime()) return document;

    const nextCollectAt = new Date(now().getTime() + collectIntervalMs);
    const claimed = await repository.update(uid, document.version, { nextCollectAt });
    if (!claimed) return repository.find(uid);
    let result: CollectResult;
    try {
      result = await this.deps.api.collect(document.order.orderRef);
    } catch (error) {
      return this.collectFailed(claimed, error);
    }
    return this.apply(claimed, result);
  }

  /** The person chose "open BankID on this device": messages switch to the autostart ones. */
  async markAutostart(document: BankIdOrderDocument): Promise<void> {
    if (document.autostart) return;
    await this.deps.repository.update(document.uid, document.version, { autostart: true });
  }

  /** Cancel button: /cancel at BankID, then the login ends as cancelled. */
  async cancel(uid: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const document = await this.deps.repository.find(uid);
      if (!document || document.state === 'complete' || document.state === 'failed') return;
      if (document.order) {
        await this.deps.api.cancel(document.order.orderRef).catch((error: unknown) => {
          this.log(document).warn({ errorCode: bankIdErrorCode(error) }, 'BankID cancel failed');
        });
      }
      if (await this.fail(document, 'login_cancelled', { hintCode: 'rpCancel' })) return;
    }
  }

  private async apply(
    document: BankIdOrderDocument,
    result: CollectResult,
  ): Promise<BankIdOrderDocument | null> {
    const { repository, config } = this.deps;
    if (result.status === 'pending') {
      const updated = await repository.update(document.uid, document.version, {
        hintCode: result.hintCode,
      });
      return updated ?? repository.find(document.uid);
    }
    if (result.status === 'failed') {
      // QR not scanned in time: a fresh order, a few times (BankID RP API v6, startFailed).
      if (result.hintCode === 'startFailed' && document.restarts < config.startFailedRestarts) {
        return this.restart(document);
      }
      await this.fail(document, failureCode(result.hintCode), { hintCode: result.hintCode });
      return repository.find(document.uid);
    }
    return this.complete(document, result);
  }

  private async complete(
    document: BankIdOrderDocument,
    result: Extract<CollectResult, { status: 'complete' }>,
  ): Promise<BankIdOrderDocument | null> {
    const { repository, audit, config, now } = this.deps;
    const data = result.completionData;
    await repository.saveSignature({
      orderRef: result.orderRef,
      uid: document.uid,
      personHash: audit.hashPerson(data.user.personalNumber),
      signature: data.signature,
      ocspResponse: data.ocspResponse,
      ...(data.bankIdIssueDate && { bankIdIssueDate: data.bankIdIssueDate }),
      ...(data.risk && { risk: data.risk }),
      at: now(),
    });
    const log = this.log(document);
    if (!riskAccepted(data.risk, config)) {
      log.warn({ risk: data.risk ?? 'missing' }, 'BankID login refused for risk');
      await this.fail(document, 'login_refused', { hintCode: `risk:${data.risk ?? 'missing'}` });
      return repository.find(document.uid);
    }
    // Upstreams §1.10: the app's IP differs from the browser's on another device; noted only.
    log.info({ sameIp: data.device.ipAddress === document.endUserIp }, 'BankID order complete');
    const updated = await repository.update(document.uid, document.version, {
      state: 'complete',
      completion: completionOf(data),
    });
    return updated ?? repository.find(document.uid);
  }

  private async restart(document: BankIdOrderDocument): Promise<BankIdOrderDocument | null> {
    const claimed = await this.deps.repository.update(
      document.uid,
      document.version,
      { state: 'starting', startClaimedAt: this.deps.now(), restarts: document.restarts + 1 },
      ['order', 'hintCode', 'orderStartedAt'],
    );
    this.log(document).info({ restarts: document.restarts + 1 }, 'BankID order restarted');
    return claimed ? this.startOrder(claimed) : this.deps.repository.find(document.uid);
  }

  private async startOrder(document: BankIdOrderDocument): Promise<BankIdOrderDocument | null> {
    const { api, repository, now } = this.deps;
    let order: OrderResponse;
    try {
      order = await api.auth(this.authRequest(document));
    } catch (error) {
      const translated = toBryggaError(error);
      const errorCode = bankIdErrorCode(translated) ?? 'unknown';
      await this.fail(document, translated.code, { errorCode });
      return repository.find(document.uid);
    }
    const updated = await repository.update(
      document.uid,
      document.version,
      { state: 'pending', order, orderStartedAt: now(), nextCollectAt: now() },
      ['startClaimedAt'],
    );
    if (!updated) {
      // Someone else moved the login on meanwhile: this order must not linger at BankID.
      await api.cancel(order.orderRef).catch(() => undefined);
      return repository.find(document.uid);
    }
    this.log(updated).info('BankID order started');
    return updated;
  }

  private authRequest(document: BankIdOrderDocument): AuthRequest {
    const returnUrl = new URL(`/login/bankid/${document.uid}/return`, this.deps.publicOrigin);
    returnUrl.searchParams.set('nonce', document.returnNonce);
    return {
      endUserIp: document.endUserIp,
      returnUrl: returnUrl.toString(),
      returnRisk: true,
      web: document.web,
    };
  }

  private async collectFailed(
    document: BankIdOrderDocument,
    error: unknown,
  ): Promise<BankIdOrderDocument | null> {
    const translated = toBryggaError(error);
    const errorCode = bankIdErrorCode(translated) ?? 'unknown';
    // 503 maintenance and 429 may be retried: the next poll collects again.
    if (transientErrors.has(errorCode.toLowerCase())) return document;
    await this.fail(document, translated.code, { errorCode });
    return this.deps.repository.find(document.uid);
  }

  /** Ends the login as failed, once; records the audit event. False when the race was lost. */
  private async fail(
    document: BankIdOrderDocument,
    code: ErrorCode,
    reason: { hintCode?: string; errorCode?: string },
  ): Promise<boolean> {
    const updated = await this.deps.repository.update(document.uid, document.version, {
      state: 'failed',
      failure: { code, ...reason },
    });
    if (!updated) return false;
    // What BankID said; the login's own outcome (login.failed / login.cancelled) is
    // recorded once, by the bridge's failLogin.
    await this.deps.audit.record({
      event: 'upstream.failed',
      method: 'bankid',
      reason: `bankid:${reason.hintCode ?? reason.errorCode ?? code}`,
      ...(document.order && { details: { orderRef: document.order.orderRef } }),
    });
    return true;
  }

  private log(document: BankIdOrderDocument): Logger {
    return this.deps.logger.child({ uid: document.uid, orderRef: document.order?.orderRef });
  }
}

function failureCode(hintCode: string): ErrorCode {
  // `cancelled`: BankID ended this order for a newer one of the same person (RFA3); the
  // person did not cancel, so the login fails with a page rather than returning at once.
  if (hintCode === 'userCancel') return 'login_cancelled';
  if (hintCode === 'transactionRiskBlocked') return 'login_refused';
  return 'login_failed';
}
