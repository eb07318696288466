import type { ErrorCode } from '../../errors/codes.ts';
import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import { isDuplicateKeyError } from '../../store/document-store.ts';
import type { OrderResponse, WebDeviceData } from './bankid-types.ts';

/** A BankID login in progress, one per interaction (collection `bankid_orders`). */
export interface BankIdOrderDocument extends Record<string, unknown> {
  uid: string;
  state: 'starting' | 'pending' | 'complete' | 'failed';
  /** Bumped by every change; conditional updates on it settle races between processes. */
  version: number;
  order?: OrderResponse;
  /** When the /auth response arrived: time zero of the animated QR code. */
  orderStartedAt?: Date;
  startClaimedAt?: Date;
  nextCollectAt?: Date;
  hintCode?: string;
  restarts: number;
  /** The person chose "open BankID on this device" (autostart). */
  autostart: boolean;
  mobile: boolean;
  endUserIp: string;
  web: WebDeviceData;
  /** Per-login nonce in the returnUrl; usable once. */
  returnNonce: string;
  returnUsedAt?: Date;
  failure?: { code: ErrorCode; hintCode?: string; errorCode?: string };
  /** completionData.user and device, held until handed over, then removed. */
  completion?: {
    personalNumber: string;
    name: string;
    givenName: string;
    surname: string;
    deviceIp: string;
  };
  handedOverAt?: Date;
  createdAt: Date;
  expiresAt: Date;
}

/** completionData.signature and ocspResponse, kept for audit (collection `bankid_signatures`). */
export interface BankIdSignatureRecord extends Record<string, unknown> {
  orderRef: string;
  uid: string;
  personHash: string;
  signature: string;
  ocspResponse: string;
  bankIdIssueDate?: string;
  risk?: string;
  at: Date;
}

/** Flow state in the store, so any process can serve any request of the login. */
export class BankIdOrderRepository {
  private readonly orders: DocumentCollection<BankIdOrderDocument>;
  private readonly signatures: DocumentCollection<BankIdSignatureRecord>;

  constructor(
    store: DocumentStore,
    private readonly now: () => Date,
  ) {
    this.orders = store.collection('bankid_orders');
    this.signatures = store.collection('bankid_signatures');
  }

  async ensureIndexes(): Promise<void> {
    await this.orders.createIndex({ uid: 1 }, { unique: true });
    // TTL deletion is absent on FerretDB; readers filter on expiresAt as well.
    await this.orders.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await this.signatures.createIndex({ orderRef: 1 }, { unique: true });
    await this.signatures.createIndex({ personHash: 1, at: -1 });
  }

  async find(uid: string): Promise<BankIdOrderDocument | null> {
    return this.orders.findOne({ uid, expiresAt: { $gt: this.now() } });
  }

  /** Inserts the login's document; false when another request already did (double click). */
  async create(document: BankIdOrderDocument): Promise<boolean> {
    try {
      await this.orders.insertOne(document);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Applies `set` only if nobody changed the document since `version` was read. */
  async update(
    uid: string,
    version: number,
    set: Partial<BankIdOrderDocument>,
    unset: string[] = [],
  ): Promise<BankIdOrderDocument | null> {
    const update: Record<string, unknown> = { $set: set, $inc: { version: 1 } };
    if (unset.length > 0) update.$unset = Object.fromEntries(unset.map((key) => [key, '']));
    return this.orders.findOneAndUpdate({ uid, version, expiresAt: { $gt: this.now() } }, update, {
      returnDocument: 'after',
    });
  }

  /** Marks the returnUrl nonce used; null when wrong or already used (a replay). */
  async useReturnNonce(uid: string, nonce: string): Promise<BankIdOrderDocument | null> {
    return this.orders.findOneAndUpdate(
      { uid, returnNonce: nonce, returnUsedAt: { $exists: false }, expiresAt: { $gt: this.now() } },
      { $set: { returnUsedAt: this.now() }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
  }

  /** Claims the hand-over once and removes the personal data from the flow state. */
  async claimHandOver(uid: string): Promise<BankIdOrderDocument | null> {
    return this.orders.findOneAndUpdate(
      {
        uid,
        state: { $in: ['complete', 'failed'] },
        handedOverAt: { $exists: false },
        expiresAt: { $gt: this.now() },
      },
      { $set: { handedOverAt: this.now() }, $unset: { completion: '' }, $inc: { version: 1 } },
      { returnDocument: 'before' },
    );
  }

  async saveSignature(record: BankIdSignatureRecord): Promise<void> {
    try {
      await this.signatures.insertOne(record);
    } catch (error) {
      // The same order collected twice: the first record stands.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
