import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';

/** A SAML login session at an IdP, kept for single logout (collection `saml_sessions`). */
export interface SamlSession extends Record<string, unknown> {
  id: string;
  interactionUid: string;
  idpEntityId: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  createdAt: Date;
  expiresAt: Date;
  endedAt?: Date;
}

/** What the lead's logout wiring receives: enough to find and end the OIDC session. */
export interface SamlSessionRef {
  samlSessionId: string;
  interactionUid: string;
  idpEntityId: string;
}

export class SamlSessionStore {
  private readonly rows: DocumentCollection<SamlSession>;
  private ready: Promise<void> | undefined;

  constructor(store: DocumentStore) {
    this.rows = store.collection<SamlSession>('saml_sessions');
  }

  async save(session: SamlSession): Promise<void> {
    await this.indexes();
    await this.rows.insertOne(session);
  }

  async byInteraction(interactionUid: string, now: Date): Promise<SamlSession | null> {
    await this.indexes();
    return this.rows.findOne({
      interactionUid,
      expiresAt: { $gt: now },
      endedAt: { $exists: false },
    });
  }

  /** SAML core 3.7.1: a LogoutRequest names the principal and optionally session indexes. */
  async byNameId(
    idpEntityId: string,
    nameId: string,
    sessionIndexes: string[],
    now: Date,
  ): Promise<SamlSession[]> {
    await this.indexes();
    const filter: Record<string, unknown> = {
      idpEntityId,
      nameId,
      expiresAt: { $gt: now },
      endedAt: { $exists: false },
    };
    if (sessionIndexes.length > 0) filter.sessionIndex = { $in: sessionIndexes };
    return this.rows.find(filter);
  }

  async end(id: string, now: Date): Promise<void> {
    await this.rows.updateOne({ id }, { $set: { endedAt: now } });
  }

  private indexes(): Promise<void> {
    this.ready ??= Promise.all([
      this.rows.createIndex({ id: 1 }, { unique: true }),
      this.rows.createIndex({ interactionUid: 1 }),
      this.rows.createIndex({ idpEntityId: 1, nameId: 1 }),
      this.rows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
    ]).then(() => undefined);
    return this.ready;
  }
}

export function refOf(session: SamlSession): SamlSessionRef {
  return {
    samlSessionId: session.id,
    interactionUid: session.interactionUid,
    idpEntityId: session.idpEntityId,
  };
}
