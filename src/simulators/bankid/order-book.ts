import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { buildCompletionData } from './completion.ts';
import type { TestPerson } from './people.ts';
import { RpError, invalidParameters } from './rp-error.ts';
import type { CollectResponse, FailedHint, SimOrder } from './sim-order.ts';
import { isActive } from './sim-order.ts';
import type { StartRequest } from './validation.ts';

/** Timing of the simulated BankID service (BankID RP API v6 timing, upstreams §1.8). */
export interface OrderTiming {
  /** QR not scanned / autostart not used → failed startFailed. */
  startTimeoutMs: number;
  /** Whole order → failed expiredTransaction. */
  orderTimeoutMs: number;
  /** How long a complete / failed order can still be collected. */
  completeRetentionMs: number;
  failedRetentionMs: number;
  /** Report noClient instead of outstandingTransaction after this long; null: never. */
  noClientAfterMs: number | null;
  /** Duration of the ID-document step (hint userMrtd) after approval. */
  mrtdDurationMs: number;
}

export const defaultTiming: OrderTiming = {
  startTimeoutMs: 30_000,
  orderTimeoutMs: 180_000,
  completeRetentionMs: 180_000,
  failedRetentionMs: 300_000,
  noClientAfterMs: null,
  mrtdDurationMs: 3_000,
};

export interface AutoApprove {
  person: TestPerson;
  delayMs: number;
}

/**
 * The simulated BankID order state. Transitions that BankID makes on its own (startFailed,
 * expiry, end of the ID-document step, development auto-approval) are applied lazily
 * from the clock whenever an order is looked at, so no timers run.
 */
export class OrderBook {
  private readonly orders = new Map<string, SimOrder>();

  constructor(
    private readonly clock: Clock,
    private readonly timing: OrderTiming,
    private readonly autoApprove?: AutoApprove,
  ) {}

  /** BankID RP API v6 /auth and /sign. */
  start(kind: 'auth' | 'sign', request: StartRequest): SimOrder {
    if (request.personalNumber) {
      const running = this.activeOrdersOf(request.personalNumber);
      // Errors table, alreadyInProgress: no order is created and the running one is aborted.
      if (running.length > 0) {
        for (const order of running) this.fail(order, 'cancelled');
        throw new RpError('alreadyInProgress', 'Order already in progress for pno');
      }
    }
    const order: SimOrder = {
      kind,
      orderRef: randomUUID(),
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      request,
      createdAt: this.clock.now(),
      phase: 'outstanding',
    };
    this.orders.set(order.orderRef, order);
    return order;
  }

  /** BankID RP API v6 /collect. */
  collect(orderRef: string): CollectResponse {
    const order = this.require(orderRef);
    if (order.phase === 'complete') {
      return { orderRef, status: 'complete', completionData: order.completionData };
    }
    if (order.phase === 'failed') return { orderRef, status: 'failed', hintCode: order.failedHint };
    return { orderRef, status: 'pending', hintCode: this.pendingHint(order) };
  }

  /** BankID RP API v6 /cancel: only a running order; afterwards it is gone. */
  cancel(orderRef: string): void {
    const order = this.require(orderRef);
    if (!isActive(order)) throw invalidParameters('Order already finished');
    this.orders.delete(orderRef);
  }

  /** Looks an order up, applying the transitions due by now; unknown or too old → 400. */
  require(orderRef: string): SimOrder {
    const order = this.orders.get(orderRef);
    if (!order) throw invalidParameters('No such order');
    this.refresh(order);
    const retention =
      order.phase === 'complete' ? this.timing.completeRetentionMs : this.timing.failedRetentionMs;
    if (!isActive(order) && this.clock.now() - (order.finishedAt ?? 0) > retention) {
      this.orders.delete(orderRef);
      throw invalidParameters('No such order');
    }
    return order;
  }

  /** Orders no phone has taken yet, newest first (the phone page lists them). */
  waiting(): SimOrder[] {
    const open = [...this.orders.values()].filter((order) => {
      this.refresh(order);
      return isActive(order) && !order.pickedUpBy;
    });
    return open.sort((a, b) => b.createdAt - a.createdAt);
  }

  find(predicate: (order: SimOrder) => boolean): SimOrder | undefined {
    for (const order of this.orders.values()) {
      this.refresh(order);
      if (predicate(order)) return order;
    }
    return undefined;
  }

  /** The phone holding `person` took this order: any other order of theirs is superseded. */
  bindPerson(order: SimOrder, person: TestPerson): void {
    for (const other of this.activeOrdersOf(person.personalNumber)) {
      if (other !== order) this.fail(other, 'cancelled');
    }
    order.person = person;
  }

  /** The user identified in the app: complete, or go through the ID-document step first. */
  approve(order: SimOrder, person: TestPerson): void {
    this.bindPerson(order, person);
    if (person.certificateBlocked) return this.fail(order, 'certificateErr');
    const rank = { low: 0, moderate: 1, high: 2 };
    const risk = person.risk ?? 'low';
    if (order.request.risk && rank[risk] > rank[order.request.risk]) {
      return this.fail(order, 'transactionRiskBlocked');
    }
    if (order.request.mrtd) {
      order.phase = 'userMrtd';
      order.mrtdDoneAt = this.clock.now() + this.timing.mrtdDurationMs;
      return;
    }
    this.complete(order);
  }

  fail(order: SimOrder, hint: FailedHint, at: number = this.clock.now()): void {
    order.phase = 'failed';
    order.failedHint = hint;
    order.finishedAt = at;
  }

  private complete(order: SimOrder, at: number = this.clock.now()): void {
    if (!order.person) throw new Error('complete without a person');
    order.phase = 'complete';
    order.finishedAt = at;
    order.completionData = buildCompletionData(order, order.person, at);
  }

  private refresh(order: SimOrder): void {
    const now = this.clock.now();
    const { startTimeoutMs, orderTimeoutMs } = this.timing;
    if (order.phase === 'outstanding' && this.autoApprove) {
      const { person, delayMs } = this.autoApprove;
      if (delayMs < startTimeoutMs && now >= order.createdAt + delayMs) {
        order.pickedUpBy = 'autoApprove';
        order.phase = 'userSign';
        this.approve(order, person);
      }
    }
    if (order.phase === 'outstanding' && now - order.createdAt >= startTimeoutMs) {
      return this.fail(order, 'startFailed', order.createdAt + startTimeoutMs);
    }
    if (order.phase === 'userMrtd' && order.mrtdDoneAt !== undefined && now >= order.mrtdDoneAt) {
      this.complete(order, order.mrtdDoneAt);
    }
    if (isActive(order) && now - order.createdAt >= orderTimeoutMs) {
      this.fail(order, 'expiredTransaction', order.createdAt + orderTimeoutMs);
    }
  }

  private pendingHint(order: SimOrder): string {
    if (order.phase !== 'outstanding') return order.phase;
    const { noClientAfterMs } = this.timing;
    const late = noClientAfterMs !== null && this.clock.now() - order.createdAt >= noClientAfterMs;
    return late ? 'noClient' : 'outstandingTransaction';
  }

  private activeOrdersOf(personalNumber: string): SimOrder[] {
    const running: SimOrder[] = [];
    for (const order of this.orders.values()) {
      this.refresh(order);
      const owner = order.person?.personalNumber ?? order.request.personalNumber;
      if (isActive(order) && owner === personalNumber) running.push(order);
    }
    return running;
  }
}
