import type { LoginContext } from '../claims/login-context.ts';
import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';

/**
 * What one login established (identity and the policy's decision), kept as long as the
 * grant lives so the ID token, UserInfo and refreshed tokens carry the identity and the
 * care provider / commission the person chose.
 */
export interface LoginRecord extends Record<string, unknown> {
  grantId: string;
  /** The interaction the login happened in (SAML sessions are recorded under it). */
  interactionUid: string;
  /** The browser session the grant belongs to, set when the authorization completes. */
  sessionUid?: string;
  context: LoginContext;
  authenticatedAt: Date;
  expiresAt: Date;
}

export class LoginRecordRepository {
  private readonly records: DocumentCollection<LoginRecord>;

  constructor(store: DocumentStore) {
    this.records = store.collection('login_records');
  }

  async ensureIndexes(): Promise<void> {
    await this.records.createIndex({ grantId: 1 }, { unique: true });
    await this.records.createIndex({ interactionUid: 1 });
    await this.records.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  /** Binds the login to the grant it produced; a later login on the same grant replaces it. */
  async saveForGrant(record: LoginRecord): Promise<void> {
    await this.records.updateOne({ grantId: record.grantId }, { $set: record }, { upsert: true });
  }

  async bindSession(grantId: string, sessionUid: string): Promise<void> {
    await this.records.updateOne({ grantId }, { $set: { sessionUid } });
  }

  async findByInteraction(interactionUid: string): Promise<LoginRecord[]> {
    const records = await this.records.find({ interactionUid });
    return records.filter((record) => new Date(record.expiresAt).getTime() > Date.now());
  }

  async findByGrant(grantId: string): Promise<LoginRecord | null> {
    const record = await this.records.findOne({ grantId });
    if (!record) return null;
    return new Date(record.expiresAt).getTime() > Date.now() ? record : null;
  }
}
