import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';

/** The last metadata copy that passed every check, per source (collection `saml_metadata`). */
export interface StoredMetadata extends Record<string, unknown> {
  source: string;
  xml: string;
  /** Changes on every new copy, so other processes notice and reload. */
  version: string;
  fetchedAt: Date;
  validUntil?: Date;
}

export class MetadataStore {
  private readonly copies: DocumentCollection<StoredMetadata>;

  constructor(store: DocumentStore) {
    this.copies = store.collection<StoredMetadata>('saml_metadata');
  }

  async ensureIndexes(): Promise<void> {
    await this.copies.createIndex({ source: 1 }, { unique: true });
  }

  async lastGood(source: string): Promise<StoredMetadata | null> {
    return this.copies.findOne({ source });
  }

  async version(source: string): Promise<string | undefined> {
    const row = await this.copies.findOne({ source }, { projection: { version: 1 } });
    return row?.version;
  }

  async save(copy: StoredMetadata): Promise<void> {
    const { source, ...rest } = copy;
    await this.copies.updateOne({ source }, { $set: rest }, { upsert: true });
  }
}
