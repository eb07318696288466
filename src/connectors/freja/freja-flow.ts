import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import { isBryggaError } from '../../errors/brygga-error.ts';
import type { ErrorCode } from '../../errors/codes.ts';
import type { Logger } from '../../log/logger.ts';
import type { FrejaEvidence } from './freja-evidence.ts';
import { FrejaResponseError } from './freja-http.ts';
import { frejaIdentity } from './freja-identity.ts';
import type { FrejaIdentitySettings } from './freja-identity.ts';
import type { FrejaRequests } from './freja-requests.ts';
import type { FrejaRequestRecord } from './freja-requests.ts';
import type { FrejaApproval, FrejaPollResult } from './wire-types.ts';

/** The part of FrejaConnector the flow uses (a test may pass its own). */
export interface FrejaAuthenticationService {
  initAuthentication(): Promise<{ authRef: string }>;
  getOneResult(authRef: string): Promise<FrejaPollResult>;
  cancel(authRef: string): Promise<void>;
}

export interface FrejaFlowOptions extends FrejaIdentitySettings {
  connector: FrejaAuthenticationService;
  requests: FrejaRequests;
  evidence: FrejaEvidence;
  audit: AuditLog;
  logger: Logger;
  pollIntervalMs: number;
  /** How long a flow row is kept; at least the interaction's lifetime. */
  recordTtlMs: number;
  now: () => Date;
}

const frejaLifetimeMs = 120_000;
/** A start claimed by a process that then vanished may be taken over after this. */
const staleClaimMs = 30_000;
/** Past Freja's two minutes plus this, a request Freja no longer answers about has expired. */
const expiryGraceMs = 15_000;

/** The Freja eID+ login of one interaction: start once, poll, finish (upstreams.md §2). */
export class FrejaFlow {
  private readonly logger: Logger;

  constructor(private readonly options: FrejaFlowOptions) {
    this.logger = options.logger.child({ component: 'freja' });
  }

  /** Exactly one Freja request per interaction, however many tabs or clicks ask. */
  async ensureStarted(uid: string): Promise<FrejaRequestRecord> {
    const now = this.options.now();
    const claim = randomUUID();
    const existing = await this.options.requests.find(uid, now);
    let record =
      existing ??
      (await this.options.requests.insertIfAbsent({
        uid,
        state: 'starting',
        claim,
        claimedAt: now,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.options.recordTtlMs),
      }));
    if (!record) throw new Error('freja_requests upsert returned nothing');

    if (record.state === 'starting' && record.claim !== claim) {
      if (now.getTime() - record.claimedAt.getTime() < staleClaimMs) return record;
      const taken = await this.options.requests.transition(
        uid,
        { state: 'starting', claim: record.claim },
        { $set: { claim, claimedAt: now } },
      );
      if (!taken) return (await this.options.requests.find(uid, now)) ?? record;
      record = { ...taken, claim };
    }
    if (record.state !== 'starting') return record;
    return this.start(record);
  }

  private async start(record: FrejaRequestRecord): Promise<FrejaRequestRecord> {
    const { uid, claim } = record;
    let authRef: string;
    try {
      ({ authRef } = await this.options.connector.initAuthentication());
    } catch (error) {
      const reason = startFailureReason(error);
      this.logger.warn({ interactionId: uid, reason, err: error }, 'Freja start failed');
      if (await this.fail(uid, { state: 'starting', claim }, failureCode(error), reason)) {
        await this.recordUpstreamFailure(uid, undefined, reason);
      }
      return (await this.options.requests.find(uid, this.options.now())) ?? record;
    }

    const now = this.options.now();
    const started = await this.options.requests.transition(
      uid,
      { state: 'starting', claim },
      {
        $set: {
          state: 'pending',
          authRef,
          frejaStatus: 'STARTED',
          frejaExpiresAt: new Date(now.getTime() + frejaLifetimeMs),
          nextPollAt: now,
        },
      },
    );
    if (!started) {
      // Cancelled (or taken over) while Freja was starting: that request must not live on.
      await this.cancelAtFreja(uid, authRef);
    }
    return (await this.options.requests.find(uid, now)) ?? record;
  }

  /** The current state, asking Freja first when it is this process's turn to poll. */
  async refresh(uid: string): Promise<FrejaRequestRecord | null> {
    const now = this.options.now();
    const record = await this.options.requests.find(uid, now);
    if (!record || record.state !== 'pending' || !record.authRef) return record;

    const turn = await this.options.requests.transition(
      uid,
      { state: 'pending', nextPollAt: { $lte: now } },
      { $set: { nextPollAt: new Date(now.getTime() + this.options.pollIntervalMs) } },
    );
    if (turn) await this.poll(record as FrejaRequestRecord & { authRef: string }, now);
    return this.options.requests.find(uid, now);
  }

  private async poll(record: FrejaRequestRecord & { authRef: string }, now: Date): Promise<void> {
    const { uid, authRef } = record;
    let result: FrejaPollResult;
    try {
      result = await this.options.connector.getOneResult(authRef);
    } catch (error) {
      this.logger.warn({ interactionId: uid, authRef, err: error }, 'Freja poll failed');
      const overdue = now.getTime() > (record.frejaExpiresAt?.getTime() ?? 0) + expiryGraceMs;
      if (overdue) await this.endWithoutApproval(record, 'interaction_expired', 'no_answer');
      return;
    }

    switch (result.kind) {
      case 'pending':
        await this.options.requests.transition(
          uid,
          { state: 'pending' },
          { $set: { frejaStatus: result.status } },
        );
        return;
      case 'approved':
        return this.approve(record, result.approval);
      case 'ended':
        return this.endWithoutApproval(record, endedCode(result.status), result.status);
      case 'refused':
        return this.endWithoutApproval(record, 'upstream_error', result.reason);
    }
  }

  private async approve(record: FrejaRequestRecord, approval: FrejaApproval): Promise<void> {
    const identity = frejaIdentity(approval, this.options);
    const won = await this.options.requests.transition(
      record.uid,
      { state: 'pending' },
      { $set: { state: 'approved', frejaStatus: 'APPROVED', identity } },
    );
    if (!won) return;
    const personHash = this.options.audit.hashPerson(approval.ssn);
    await this.options.evidence.store(record.uid, approval, personHash, this.options.now());
    this.logger.info({ interactionId: record.uid, authRef: approval.authRef }, 'Freja approved');
  }

  private async endWithoutApproval(
    record: FrejaRequestRecord,
    code: ErrorCode,
    reason: string,
  ): Promise<void> {
    const won = await this.fail(record.uid, { state: 'pending' }, code, reason);
    if (!won) return;
    this.logger.warn({ interactionId: record.uid, authRef: record.authRef, reason }, 'Freja ended');
    await this.recordUpstreamFailure(record.uid, record.authRef, reason);
  }

  /** Every Freja request that ends without a usable approval is an audit event. */
  private async recordUpstreamFailure(uid: string, authRef: string | undefined, reason: string) {
    await this.options.audit.record({
      event: 'upstream.failed',
      method: 'freja',
      reason: `freja:${reason}`,
      details: { interactionId: uid, ...(authRef && { authRef }) },
    });
  }

  /** The person pressed cancel: stop the Freja request too. Returns false if already over. */
  async cancel(uid: string): Promise<boolean> {
    const before = await this.options.requests.transition(
      uid,
      { state: { $in: ['starting', 'pending', 'approved'] } },
      {
        $set: { state: 'failed', failure: { code: 'login_cancelled', reason: 'user_cancelled' } },
        $unset: { identity: '' },
      },
    );
    if (!before) return false;
    if (before.state === 'pending' && before.authRef) await this.cancelAtFreja(uid, before.authRef);
    return true;
  }

  /** Takes the approved identity exactly once; null if another tab already did. */
  async takeApproval(uid: string): Promise<FrejaRequestRecord | null> {
    return this.options.requests.transition(
      uid,
      { state: 'approved' },
      { $set: { state: 'completed' }, $unset: { identity: '' } },
    );
  }

  private async fail(
    uid: string,
    expected: Record<string, unknown>,
    code: ErrorCode,
    reason: string,
  ): Promise<boolean> {
    const update = { $set: { state: 'failed', failure: { code, reason } } };
    return (await this.options.requests.transition(uid, expected, update)) !== null;
  }

  private async cancelAtFreja(uid: string, authRef: string): Promise<void> {
    try {
      await this.options.connector.cancel(authRef);
    } catch (error) {
      // Freja answers 1100 for a request that already ended; nothing is left to stop.
      this.logger.warn({ interactionId: uid, authRef, err: error }, 'Freja cancel failed');
    }
  }
}

function endedCode(status: string): ErrorCode {
  if (status === 'CANCELED' || status === 'RP_CANCELED') return 'login_cancelled';
  if (status === 'EXPIRED') return 'interaction_expired';
  return 'login_failed';
}

function failureCode(error: unknown): ErrorCode {
  return isBryggaError(error) ? error.code : 'internal';
}

/** Freja code 2000: the user's previous request was refused (e.g. two at once). */
function startFailureReason(error: unknown): string {
  const cause = isBryggaError(error) ? error.cause : undefined;
  if (cause instanceof FrejaResponseError && cause.frejaCode !== undefined) {
    return `code_${cause.frejaCode}`;
  }
  return isBryggaError(error) ? error.code : 'internal';
}
