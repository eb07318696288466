import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';
import type { AuthenticatedIdentity } from '../login/authenticated-identity.ts';
import type { LoginOption } from '../login/policy/index.ts';

/** A login waiting for the person to pick a care provider or commission. */
export interface PendingChoice extends Record<string, unknown> {
  uid: string;
  identity: AuthenticatedIdentity;
  options: LoginOption[];
  expiresAt: Date;
}

export class PendingChoiceRepository {
  private readonly choices: DocumentCollection<PendingChoice>;

  constructor(store: DocumentStore) {
    this.choices = store.collection('login_choices');
  }

  async ensureIndexes(): Promise<void> {
    await this.choices.createIndex({ uid: 1 }, { unique: true });
    await this.choices.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  async save(choice: PendingChoice): Promise<void> {
    await this.choices.updateOne({ uid: choice.uid }, { $set: choice }, { upsert: true });
  }

  async find(uid: string): Promise<PendingChoice | null> {
    const choice = await this.choices.findOne({ uid });
    return choice && new Date(choice.expiresAt).getTime() > Date.now() ? choice : null;
  }

  /** Removes and returns the choice, so one submission can finish the login only once. */
  async take(uid: string): Promise<PendingChoice | null> {
    const choice = await this.find(uid);
    if (!choice) return null;
    return (await this.choices.deleteOne({ uid })) === 1 ? choice : null;
  }
}
