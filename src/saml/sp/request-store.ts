import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';

/** An AuthnRequest we sent, bound to one login (collection `saml_requests`). */
export interface StoredAuthnRequest extends Record<string, unknown> {
  id: string;
  interactionUid: string;
  idpEntityId: string;
  acrValues: string[];
  forceAuthn: boolean;
  issuedAt: Date;
  expiresAt: Date;
  /** Set when a response to it was accepted: an AuthnRequest is answered once. */
  answeredAt?: Date;
}

/**
 * Shared by every process, so the ACS can bind InResponseTo to THIS login whichever
 * process sent the request. Expired rows are filtered on read (no TTL on FerretDB).
 */
export class AuthnRequestStore {
  private readonly rows: DocumentCollection<StoredAuthnRequest>;
  private ready: Promise<void> | undefined;

  constructor(store: DocumentStore) {
    this.rows = store.collection<StoredAuthnRequest>('saml_requests');
  }

  async save(request: StoredAuthnRequest): Promise<void> {
    await this.indexes();
    await this.rows.insertOne(request);
  }

  /** The newest unanswered request of a login: choosing another IdP supersedes older ones. */
  async latestFor(interactionUid: string, now: Date): Promise<StoredAuthnRequest | null> {
    await this.indexes();
    return this.rows.findOne(
      { interactionUid, expiresAt: { $gt: now }, answeredAt: { $exists: false } },
      { sort: { issuedAt: -1 } },
    );
  }

  /** Marks the request answered; false when another response got there first. */
  async markAnswered(id: string, now: Date): Promise<boolean> {
    const updated = await this.rows.findOneAndUpdate(
      { id, answeredAt: { $exists: false } },
      { $set: { answeredAt: now } },
    );
    return updated !== null;
  }

  private indexes(): Promise<void> {
    this.ready ??= Promise.all([
      this.rows.createIndex({ id: 1 }, { unique: true }),
      this.rows.createIndex({ interactionUid: 1, issuedAt: -1 }),
      this.rows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
    ]).then(() => undefined);
    return this.ready;
  }
}
