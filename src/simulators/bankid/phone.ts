import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { OrderBook } from './order-book.ts';
import type { TestPerson } from './people.ts';
import { qrAuthCodeMatches } from './qr-check.ts';
import type { SimOrder } from './sim-order.ts';
import { isActive } from './sim-order.ts';

/** A refused action on the simulated phone (not part of the BankID RP API). */
export class PhoneError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PhoneSessionView {
  session: string;
  kind: 'auth' | 'sign';
  phase: SimOrder['phase'];
  hintCode?: string;
  personalNumber?: string;
  /** For an autostarted order: where the app sends the user back (BankID RP API v6 returnUrl). */
  returnUrl?: string;
}

/**
 * The user's phone with the BankID app: picks an order up by scanning the animated QR
 * code or by an autostart token, then approves it as a test person, cancels it or
 * lets it expire.
 */
export class SimulatedPhone {
  private readonly sessions = new Map<string, string>();

  constructor(
    private readonly orders: OrderBook,
    private readonly clock: Clock,
    private readonly people: TestPerson[],
  ) {}

  /** Scans `bankid.<qrStartToken>.<time>.<qrAuthCode>` (BankID RP API v6, animated QR). */
  scan(qrData: string, personalNumber?: string): PhoneSessionView {
    const match = /^bankid\.([0-9a-f-]{36})\.(\d{1,6})\.([0-9a-f]{64})$/.exec(qrData.trim());
    if (!match) throw new PhoneError(400, 'invalidQr', 'Not a BankID QR code');
    const [, qrStartToken, time, qrAuthCode] = match as unknown as [string, string, string, string];
    const order = this.orders.find((candidate) => candidate.qrStartToken === qrStartToken);
    if (!order) throw new PhoneError(404, 'unknownOrder', 'No order for this QR code');
    const elapsed = Math.floor((this.clock.now() - order.createdAt) / 1000);
    // The QR code changes every second; one second either way covers rounding and delay.
    if (Math.abs(Number(time) - elapsed) > 1) {
      throw new PhoneError(400, 'staleQr', 'The QR code is too old or from the future');
    }
    if (!qrAuthCodeMatches(order.qrStartSecret, time, qrAuthCode)) {
      throw new PhoneError(400, 'invalidQr', 'The QR code does not verify');
    }
    return this.pickUp(order, 'qr', personalNumber);
  }

  /** The browser opened `bankid:///?autostarttoken=…` on this device. */
  autostart(autoStartToken: string, personalNumber?: string): PhoneSessionView {
    const order = this.orders.find((candidate) => candidate.autoStartToken === autoStartToken);
    if (!order) throw new PhoneError(404, 'unknownOrder', 'No order for this autostart token');
    return this.pickUp(order, 'autostart', personalNumber);
  }

  approve(session: string, personalNumber?: string): PhoneSessionView {
    const order = this.running(session);
    const person = this.person(personalNumber ?? order.person?.personalNumber);
    const wanted = order.request.personalNumber;
    if (wanted && wanted !== person.personalNumber) {
      throw new PhoneError(409, 'wrongPerson', 'The order is for another personal number');
    }
    this.orders.approve(order, person);
    return this.view(session, order);
  }

  cancel(session: string): PhoneSessionView {
    const order = this.running(session);
    this.orders.fail(order, 'userCancel');
    return this.view(session, order);
  }

  /** The user walks away: the order ends as BankID's timeout would end it. */
  expire(session: string): PhoneSessionView {
    const order = this.running(session);
    this.orders.fail(order, 'expiredTransaction');
    return this.view(session, order);
  }

  status(session: string): PhoneSessionView {
    return this.view(session, this.order(session));
  }

  listPeople(): TestPerson[] {
    return this.people;
  }

  /** Orders waiting for a phone: what a person at the page can open without the token. */
  waitingOrders(): { autoStartToken: string; createdAt: number }[] {
    return this.orders
      .waiting()
      .map(({ autoStartToken, createdAt }) => ({ autoStartToken, createdAt }));
  }

  private pickUp(
    order: SimOrder,
    via: 'qr' | 'autostart',
    personalNumber?: string,
  ): PhoneSessionView {
    if (order.phase !== 'outstanding') {
      throw new PhoneError(409, 'alreadyPickedUp', 'The order is not waiting for an app');
    }
    order.pickedUpBy = via;
    order.phase = via === 'qr' ? 'userSign' : 'started';
    if (personalNumber !== undefined) {
      this.orders.bindPerson(order, this.person(personalNumber));
      order.phase = 'userSign';
    }
    const session = randomUUID();
    this.sessions.set(session, order.orderRef);
    return this.view(session, order);
  }

  private running(session: string): SimOrder {
    const order = this.order(session);
    if (!isActive(order)) throw new PhoneError(409, 'finished', 'The order has already ended');
    return order;
  }

  private order(session: string): SimOrder {
    const orderRef = this.sessions.get(session);
    if (!orderRef) throw new PhoneError(404, 'unknownSession', 'No such phone session');
    try {
      return this.orders.require(orderRef);
    } catch {
      throw new PhoneError(410, 'gone', 'The order no longer exists');
    }
  }

  private person(personalNumber: string | undefined): TestPerson {
    const person = this.people.find((candidate) => candidate.personalNumber === personalNumber);
    if (!person) throw new PhoneError(400, 'unknownPerson', 'Choose one of the test people');
    return person;
  }

  private view(session: string, order: SimOrder): PhoneSessionView {
    const hintCode = order.phase === 'failed' ? order.failedHint : undefined;
    return {
      session,
      kind: order.kind,
      phase: order.phase,
      ...(hintCode && { hintCode }),
      ...(order.person && { personalNumber: order.person.personalNumber }),
      ...(order.pickedUpBy === 'autostart' &&
        order.request.returnUrl && { returnUrl: order.request.returnUrl }),
    };
  }
}
