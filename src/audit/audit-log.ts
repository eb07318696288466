import { createHmac, randomUUID } from 'node:crypto';
import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';
import type { Logger } from '../log/logger.ts';

/** Stable audit event names; add new ones here so the list stays the documentation. */
export type AuditEventName =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.refused'
  | 'login.cancelled'
  | 'token.issued'
  | 'token.revoked'
  | 'grant.revoked'
  | 'session.ended'
  | 'client.created'
  | 'client.updated'
  | 'client.disabled'
  | 'keys.rotated'
  | 'upstream.failed'
  | 'saml.rejected'
  | 'certificate.rejected'
  | 'domain.changed';

export interface AuditEvent {
  id: string;
  event: AuditEventName;
  at: Date;
  /** Keyed hash of the person's identity number (never the number itself). */
  personHash?: string;
  personId?: string;
  clientId?: string;
  careProviderId?: string;
  method?: string;
  /** The rule or error code behind a refusal or failure. */
  reason?: string;
  /** Who did it, for administrative changes (client id or admin subject). */
  actor?: string;
  details?: Record<string, unknown>;
}

export type AuditInput = Omit<AuditEvent, 'id' | 'at'>;

/**
 * Audit events go to the `audit` collection, structured, and a milestone line to the log.
 * Writing an audit event never breaks the flow it records: a failure is logged as error.
 */
export class AuditLog {
  private readonly events: DocumentCollection<AuditEvent & Record<string, unknown>>;
  private readonly listeners: ((event: AuditEvent) => void)[] = [];

  constructor(
    store: DocumentStore,
    private readonly hashKey: string,
    private readonly logger: Logger,
  ) {
    this.events = store.collection('audit');
  }

  async ensureIndexes(): Promise<void> {
    await this.events.createIndex({ id: 1 }, { unique: true });
    await this.events.createIndex({ at: -1 });
    await this.events.createIndex({ personHash: 1, at: -1 });
    await this.events.createIndex({ careProviderId: 1, at: -1 });
  }

  /** HMAC-SHA256 of an identity number: searchable, not reversible without the key. */
  hashPerson(identityNumber: string): string {
    return createHmac('sha256', this.hashKey).update(identityNumber).digest('base64url');
  }

  /** Called for every recorded event (metrics count logins this way). */
  subscribe(listener: (event: AuditEvent) => void): void {
    this.listeners.push(listener);
  }

  async record(input: AuditInput): Promise<void> {
    const event = { ...input, id: randomUUID(), at: new Date() };
    for (const listener of this.listeners) listener(event);
    try {
      await this.events.insertOne(event);
    } catch (error) {
      this.logger.error({ err: error, event: input.event }, 'audit event not stored');
      return;
    }
    // Token events come with every token request: they stay in the audit collection and
    // reach the log at debug level only.
    // Demo seeding writes dozens at start-up; they stay in the collection.
    const level = event.event.startsWith('token.') || event.actor === 'seed' ? 'debug' : 'info';
    this.logger[level](
      { audit: event.event, auditId: event.id, clientId: event.clientId, reason: event.reason },
      'audit',
    );
  }

  async query(filter: {
    personHash?: string;
    careProviderId?: string;
    from?: Date;
    to?: Date;
    limit?: number;
  }): Promise<AuditEvent[]> {
    const query: Record<string, unknown> = {};
    if (filter.personHash) query.personHash = filter.personHash;
    if (filter.careProviderId) query.careProviderId = filter.careProviderId;
    if (filter.from || filter.to) {
      query.at = {
        ...(filter.from && { $gte: filter.from }),
        ...(filter.to && { $lt: filter.to }),
      };
    }
    return this.events.find(query, { sort: { at: -1 }, limit: filter.limit ?? 1000 });
  }
}
