import { randomBytes } from 'node:crypto';
import type { FrejaTestPerson } from '../../config/sections/freja.ts';
import { FrejaApiError } from './api-error.ts';
import { buildRequestedAttributes } from './attributes.ts';
import type { Clock } from './clock.ts';
import type { DetailsSigner } from './details-signer.ts';
import { ssnUserInfo } from './init-request.ts';
import { finalStatuses, meetsLevel } from './model.ts';
import type { FrejaStatus, InitAuthRequest, SimulatedTransaction } from './model.ts';

/** The user has two minutes to confirm (upstreams.md §2.2). */
export const authenticationLifetimeMs = 120_000;
/** Results stay readable as long as getResults covers them (upstreams.md §2.2, [S]). */
const retentionMs = 600_000;

/** Something the simulated phone cannot do, e.g. approve a finished request. */
export class PhoneError extends Error {
  constructor(
    readonly reason:
      | 'unknown_reference'
      | 'not_active'
      | 'other_user'
      | 'user_busy'
      | 'level_too_low'
      | 'unknown_person',
    readonly httpStatus: 404 | 409 = 409,
  ) {
    super(reason);
    this.name = 'PhoneError';
  }
}

/**
 * Freja's side of every authentication: the state machine of upstreams.md §2.5, driven by
 * the relying party's calls and the simulated phone. Time comes from the clock.
 */
export class TransactionBook {
  private readonly transactions = new Map<string, SimulatedTransaction>();

  constructor(
    private readonly clock: Clock,
    private readonly signer: DetailsSigner,
    private readonly people: readonly FrejaTestPerson[],
  ) {}

  init(request: InitAuthRequest): SimulatedTransaction {
    this.prune();
    const now = this.clock.now();
    const claimedKey = this.userKeyAtInit(request);
    const person = claimedKey ? this.personFor(claimedKey) : undefined;
    const userKey = person ? `ssn:${person.ssn}` : claimedKey;
    const busy = userKey ? this.activeFor(userKey) : undefined;
    if (busy) {
      // F-AUTH: a second request for a user who already has one cancels both.
      busy.status = 'CANCELED';
      throw new FrejaApiError(2000);
    }
    const transaction: SimulatedTransaction = {
      authRef: randomBytes(32).toString('base64url'),
      request,
      status: 'STARTED',
      createdAt: now,
      expiresAt: now + authenticationLifetimeMs,
      ...(userKey && { userKey }),
      ...(person && { person }),
      ...(request.useDynamicQrCode && { qrCodeSecret: randomBytes(32).toString('base64url') }),
    };
    this.transactions.set(transaction.authRef, transaction);
    return transaction;
  }

  /** The RP's view; throws 1100 for an unknown or no longer kept reference. */
  get(authRef: string): SimulatedTransaction {
    this.prune();
    const transaction = this.transactions.get(authRef);
    if (!transaction) throw new FrejaApiError(1100);
    return this.refresh(transaction);
  }

  rpCancel(authRef: string): void {
    const transaction = this.get(authRef);
    if (finalStatuses.has(transaction.status)) throw new FrejaApiError(1100);
    transaction.status = 'RP_CANCELED';
  }

  /** Every kept transaction, newest first (getResults). */
  all(): SimulatedTransaction[] {
    this.prune();
    return [...this.transactions.values()]
      .map((transaction) => this.refresh(transaction))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  active(): SimulatedTransaction[] {
    this.prune();
    return [...this.transactions.values()]
      .map((transaction) => this.refresh(transaction))
      .filter((transaction) => !finalStatuses.has(transaction.status));
  }

  /** The phone opened the request (QR scan or app link): bound to that person. */
  scan(authRef: string, ssn: string): SimulatedTransaction {
    const transaction = this.activeTransaction(authRef);
    const person = this.people.find((candidate) => candidate.ssn === ssn);
    if (!person) throw new PhoneError('unknown_person', 404);
    const userKey = `ssn:${person.ssn}`;
    if (transaction.userKey && transaction.userKey !== userKey) throw new PhoneError('other_user');

    const other = this.activeFor(userKey);
    if (other && other !== transaction) {
      other.status = 'CANCELED';
      transaction.status = 'CANCELED';
      throw new PhoneError('user_busy');
    }
    transaction.userKey = userKey;
    transaction.person = person;
    transaction.status = 'DELIVERED_TO_MOBILE';
    return transaction;
  }

  async approve(authRef: string, ssn: string): Promise<SimulatedTransaction> {
    const transaction = this.scan(authRef, ssn);
    const person = transaction.person as FrejaTestPerson;
    if (!meetsLevel(person, transaction.request.minRegistrationLevel)) {
      throw new PhoneError('level_too_low');
    }

    const now = this.clock.now();
    const requestedAttributes = buildRequestedAttributes(
      person,
      transaction.request.attributesToReturn,
      now,
    );
    // Payload shape per upstreams.md §2.6 (CRIIPTO example); timestamp in epoch ms.
    transaction.details = await this.signer.sign({
      authRef,
      status: 'APPROVED',
      userInfoType: transaction.request.userInfoType,
      userInfo: transaction.request.userInfo,
      minRegistrationLevel: transaction.request.minRegistrationLevel,
      requestedAttributes,
      timestamp: now,
    });
    transaction.requestedAttributes = requestedAttributes;
    transaction.status = 'APPROVED';
    return transaction;
  }

  /** The phone's other answers: the user declines, Freja rejects, or time runs out. */
  finish(authRef: string, status: Extract<FrejaStatus, 'CANCELED' | 'REJECTED' | 'EXPIRED'>): void {
    this.activeTransaction(authRef).status = status;
  }

  private activeTransaction(authRef: string): SimulatedTransaction {
    const transaction = this.transactions.get(authRef);
    if (!transaction) throw new PhoneError('unknown_reference', 404);
    if (finalStatuses.has(this.refresh(transaction).status)) throw new PhoneError('not_active');
    return transaction;
  }

  private refresh(transaction: SimulatedTransaction): SimulatedTransaction {
    const live = !finalStatuses.has(transaction.status);
    if (live && this.clock.now() >= transaction.expiresAt) transaction.status = 'EXPIRED';
    return transaction;
  }

  private activeFor(userKey: string): SimulatedTransaction | undefined {
    return this.active().find((transaction) => transaction.userKey === userKey);
  }

  private userKeyAtInit(request: InitAuthRequest): string | undefined {
    if (request.userInfoType === 'INFERRED') return undefined;
    if (request.userInfoType === 'SSN') return `ssn:${ssnUserInfo(request.userInfo)?.ssn ?? ''}`;
    return `${request.userInfoType.toLowerCase()}:${request.userInfo}`;
  }

  /** Freja does not reveal whether the user exists; an unknown user just never approves. */
  private personFor(userKey: string): FrejaTestPerson | undefined {
    return this.people.find(
      (person) => userKey === `ssn:${person.ssn}` || userKey === `email:${person.email}`,
    );
  }

  private prune(): void {
    const horizon = this.clock.now() - retentionMs;
    for (const [authRef, transaction] of this.transactions) {
      if (transaction.createdAt < horizon) this.transactions.delete(authRef);
    }
  }
}
