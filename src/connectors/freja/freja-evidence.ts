import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import type { FrejaApproval } from './wire-types.ts';

interface EvidenceRecord extends Record<string, unknown> {
  authRef: string;
  interactionId: string;
  personHash: string;
  x5t: string;
  /** The signed Freja result as received (upstreams.md §2.6). Never logged. */
  detailsJws: string;
  signedAt: Date;
  storedAt: Date;
}

/**
 * The signed result behind each Freja login, in `freja_evidence`, found by authRef (the
 * identity's `txn`). Kept without expiry.
 * TODO(retention): delete after the operator's retention period for login evidence.
 */
export class FrejaEvidence {
  private readonly rows: DocumentCollection<EvidenceRecord>;
  private indexes: Promise<void> | undefined;

  constructor(store: DocumentStore) {
    this.rows = store.collection<EvidenceRecord>('freja_evidence');
  }

  async store(
    interactionId: string,
    approval: FrejaApproval,
    personHash: string,
    now: Date,
  ): Promise<void> {
    this.indexes ??= this.rows.createIndex({ authRef: 1 }, { unique: true });
    await this.indexes;
    await this.rows.insertOne({
      authRef: approval.authRef,
      interactionId,
      personHash,
      x5t: approval.x5t,
      detailsJws: approval.detailsJws,
      signedAt: new Date(approval.timestamp),
      storedAt: now,
    });
  }

  async findByAuthRef(authRef: string): Promise<EvidenceRecord | null> {
    return this.rows.findOne({ authRef });
  }
}
