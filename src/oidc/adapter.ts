import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';
import { escapePayloadKeys, unescapePayloadKeys } from './payload-keys.ts';
import { forProvider } from './provider-errors.ts';

interface StoredEntry extends Record<string, unknown> {
  key: string;
  payload: AdapterPayload;
  expiresAt?: Date;
  grantId?: string;
  uid?: string;
  userCode?: string;
  /** Set on Client entries by the clients command; a disabled client is not found. */
  disabled?: boolean;
}

/**
 * Models that are looked up by uid (Session) or userCode (device flow). Only models whose
 * every entry has the field get a unique index: MongoDB indexes a missing field as null.
 */
const uidModels = new Set(['Session']);
const userCodeModels = new Set(['DeviceCode']);
/** Models whose entries carry a grantId and are revoked together (OIDC Core 4.1.2). */
const grantModels = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

const lookupFields = ['expiresAt', 'grantId', 'uid', 'userCode'] as const;

/** Collection name per oidc-provider model, e.g. AccessToken → oidc_access_token. */
export function collectionName(model: string): string {
  return `oidc_${model.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase()}`;
}

/**
 * The oidc-provider storage adapter over the DocumentStore: one collection per model.
 * Expired entries are filtered on read because TTL deletion is lazy in MongoDB and
 * absent in FerretDB.
 */
export class StoreAdapter implements Adapter {
  private readonly entries: DocumentCollection<StoredEntry>;

  constructor(
    private readonly model: string,
    private readonly store: DocumentStore,
  ) {
    this.entries = store.collection(collectionName(model));
  }

  static async ensureIndexes(store: DocumentStore, models: readonly string[]): Promise<void> {
    for (const model of models) {
      const entries = store.collection(collectionName(model));
      await entries.createIndex({ key: 1 }, { unique: true });
      await entries.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      if (uidModels.has(model)) await entries.createIndex({ uid: 1 }, { unique: true });
      if (userCodeModels.has(model)) await entries.createIndex({ userCode: 1 }, { unique: true });
      if (grantModels.has(model)) await entries.createIndex({ grantId: 1 });
    }
  }

  /** Replaces the entry's payload; lookup fields the new payload lacks are removed. */
  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const entry: Partial<StoredEntry> = { payload: escapePayloadKeys(payload) };
    if (expiresIn) entry.expiresAt = new Date(Date.now() + expiresIn * 1000);
    if (payload.grantId) entry.grantId = payload.grantId;
    if (payload.uid) entry.uid = payload.uid;
    if (payload.userCode) entry.userCode = payload.userCode;
    const absent = lookupFields.filter((field) => !(field in entry));
    const update: Record<string, unknown> = { $set: entry };
    if (absent.length > 0) update.$unset = Object.fromEntries(absent.map((f) => [f, '']));
    await forProvider(() => this.entries.updateOne({ key: id }, update, { upsert: true }));
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findBy({ key: id });
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy({ uid });
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy({ userCode });
  }

  async consume(id: string): Promise<void> {
    const consumed = { 'payload.consumed': Math.floor(Date.now() / 1000) };
    await forProvider(() => this.entries.updateOne({ key: id }, { $set: consumed }));
  }

  async destroy(id: string): Promise<void> {
    await forProvider(() => this.entries.deleteOne({ key: id }));
  }

  /**
   * Removes every entry of the grant in every grant-bound model, not only this one: the
   * provider skips models whose grant type the client no longer has (helpers/revoke.js).
   */
  async revokeByGrantId(grantId: string): Promise<void> {
    const collections = [...grantModels].map((model) =>
      this.store.collection(collectionName(model)),
    );
    await forProvider(() =>
      Promise.all(collections.map((collection) => collection.deleteMany({ grantId }))),
    );
  }

  private async findBy(filter: Record<string, unknown>): Promise<AdapterPayload | undefined> {
    const entry = await forProvider(() => this.entries.findOne(filter));
    if (!entry || entry.disabled) return undefined;
    if (entry.expiresAt && new Date(entry.expiresAt).getTime() <= Date.now()) return undefined;
    return unescapePayloadKeys(entry.payload);
  }
}
