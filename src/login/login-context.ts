import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';
import type { AuthenticatedIdentity } from './authenticated-identity.ts';

/**
 * What one login established, kept for as long as the grant lives so the ID token,
 * UserInfo and refreshed tokens carry the identity and the care provider / commission
 * the person chose. Keyed by grant.
 */
export interface LoginContext extends Record<string, unknown> {
  grantId: string;
  personId: string;
  identity: AuthenticatedIdentity;
  careProviderId?: string;
  commissionHsaId?: string;
  authenticatedAt: Date;
  expiresAt: Date;
}

export class LoginContextRepository {
  private readonly contexts: DocumentCollection<LoginContext>;

  constructor(store: DocumentStore) {
    this.contexts = store.collection('login_contexts');
  }

  async ensureIndexes(): Promise<void> {
    await this.contexts.createIndex({ grantId: 1 }, { unique: true });
    await this.contexts.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  /** Binds the login to the grant it produced; a later login on the same grant replaces it. */
  async saveForGrant(grantId: string, context: Omit<LoginContext, 'grantId'>): Promise<void> {
    await this.contexts.updateOne({ grantId }, { $set: { ...context, grantId } }, { upsert: true });
  }

  async findByGrant(grantId: string): Promise<LoginContext | null> {
    return this.live(await this.contexts.findOne({ grantId }));
  }

  async deleteByGrant(grantId: string): Promise<void> {
    await this.contexts.deleteMany({ grantId });
  }

  private live(context: LoginContext | null): LoginContext | null {
    if (!context) return null;
    return new Date(context.expiresAt).getTime() > Date.now() ? context : null;
  }
}
