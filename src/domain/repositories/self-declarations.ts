import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { DocumentCollection, DocumentStore } from '../../store/document-store.ts';
import { parseInput } from '../model/fields.ts';
import type {
  DeclarationDraftInput,
  DeclarationStatus,
  SelfDeclaration,
} from '../model/self-declaration.ts';
import {
  declarationDraftSchema,
  declarationInForce,
  missingForSubmission,
} from '../model/self-declaration.ts';
import { recordChange } from './change-audit.ts';
import type { CareProviderRepository } from './care-providers.ts';
import { getOrThrow, replaceIfVersion, withoutUndefined } from './versioned.ts';

type Stored = SelfDeclaration & Record<string, unknown>;

export interface SelfDeclarationOptions {
  /** How long an approval lasts (default 12 months). */
  validityMonths: number;
}

export interface DeclarationReminder {
  careProviderId: string;
  declarationId: string;
  validUntil: Date;
  expired: boolean;
  /** A newer declaration has been submitted and waits for review. */
  renewalSubmitted: boolean;
}

/**
 * Self-declarations and their review: draft → submitted → approved | returned (a
 * returned one is edited and submitted again). Each transition is a conditional update on
 * status and version, so two reviewers cannot both decide.
 */
export class SelfDeclarationRepository {
  private readonly collection: DocumentCollection<Stored>;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditLog,
    private readonly careProviders: CareProviderRepository,
    private readonly options: SelfDeclarationOptions = { validityMonths: 12 },
  ) {
    this.collection = store.collection('selfDeclarations');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ id: 1 }, { unique: true });
    await this.collection.createIndex({ careProviderId: 1, status: 1, validUntil: -1 });
  }

  async createDraft(
    careProviderId: string,
    input: DeclarationDraftInput,
    actor: string,
    now = new Date(),
  ): Promise<SelfDeclaration> {
    const fields = parseInput(declarationDraftSchema, input);
    await this.careProviders.get(careProviderId);

    const declaration = withoutUndefined({
      ...fields,
      id: randomUUID(),
      careProviderId,
      status: 'draft' as const,
      reviews: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    }) as Stored;
    await this.collection.insertOne(declaration);
    await this.changed(declaration, 'created', actor);
    return declaration;
  }

  /** Edits answers; only a draft or a returned declaration can be edited. */
  async updateDraft(
    id: string,
    expectedVersion: number,
    input: DeclarationDraftInput,
    actor: string,
    now = new Date(),
  ): Promise<SelfDeclaration> {
    const fields = parseInput(declarationDraftSchema, input);
    await this.expectStatus(id, ['draft', 'returned'], 'edited');
    const changes = {
      answers: fields.answers,
      responsiblePerson: fields.responsiblePerson,
      signedOn: fields.signedOn,
    };
    return this.transition(
      id,
      expectedVersion,
      ['draft', 'returned'],
      changes,
      'edited',
      actor,
      now,
    );
  }

  async submit(id: string, expectedVersion: number, actor: string, now = new Date()) {
    const current = await this.expectStatus(id, ['draft', 'returned'], 'submitted');
    const missing = missingForSubmission(current);
    if (missing.length > 0) {
      throw new BryggaError('bad_request', `answers: missing ${missing.join(', ')}`);
    }
    const changes = { status: 'submitted', submittedAt: now, submittedBy: actor };
    return this.transition(
      id,
      expectedVersion,
      ['draft', 'returned'],
      changes,
      'submitted',
      actor,
      now,
    );
  }

  async approve(
    id: string,
    expectedVersion: number,
    reviewer: string,
    comment: string | undefined,
    now = new Date(),
  ): Promise<SelfDeclaration> {
    const current = await this.expectStatus(id, ['submitted'], 'approved');
    const review = withoutUndefined({ decision: 'approved' as const, reviewer, at: now, comment });
    const changes = {
      status: 'approved',
      approvedAt: now,
      validUntil: addMonths(now, this.options.validityMonths),
      reviews: [...current.reviews, review],
    };
    return this.transition(id, expectedVersion, ['submitted'], changes, 'approved', reviewer, now);
  }

  /** Sends the declaration back; the comment tells the aktör what to fix. */
  async returnWithComments(
    id: string,
    expectedVersion: number,
    reviewer: string,
    comment: string,
    now = new Date(),
  ): Promise<SelfDeclaration> {
    if (!comment.trim()) throw new BryggaError('bad_request', 'comment: say what to fix');
    const current = await this.expectStatus(id, ['submitted'], 'returned');
    const review = { decision: 'returned' as const, reviewer, at: now, comment };
    const changes = { status: 'returned', reviews: [...current.reviews, review] };
    return this.transition(id, expectedVersion, ['submitted'], changes, 'returned', reviewer, now);
  }

  get(id: string): Promise<SelfDeclaration> {
    return getOrThrow(this.collection, { id });
  }

  listForCareProvider(careProviderId: string): Promise<SelfDeclaration[]> {
    return this.collection.find({ careProviderId }, { sort: { createdAt: -1 } });
  }

  /** The approved declaration in force at `now`, if any. */
  async inForce(careProviderId: string, now: Date): Promise<SelfDeclaration | null> {
    const [latest] = await this.collection.find(
      { careProviderId, status: 'approved', validUntil: { $gt: now } },
      { sort: { validUntil: -1 }, limit: 1 },
    );
    return latest && declarationInForce(latest, now) ? latest : null;
  }

  /**
   * Care providers whose latest approval ends within `days` of `now` (or has ended), so the
   * operator can ask for a new declaration in time.
   */
  async remindersDue(now: Date, days: number): Promise<DeclarationReminder[]> {
    const horizon = new Date(now.getTime() + days * 86_400_000);
    const approved = await this.collection.find(
      { status: 'approved' },
      { sort: { validUntil: -1 } },
    );
    const latestByProvider = new Map<string, SelfDeclaration>();
    for (const declaration of approved) {
      if (!latestByProvider.has(declaration.careProviderId)) {
        latestByProvider.set(declaration.careProviderId, declaration);
      }
    }

    const submitted = await this.collection.find({ status: 'submitted' });
    const renewing = new Set(submitted.map((declaration) => declaration.careProviderId));
    return [...latestByProvider.values()]
      .filter((declaration) => declaration.validUntil && declaration.validUntil <= horizon)
      .map((declaration) => ({
        careProviderId: declaration.careProviderId,
        declarationId: declaration.id,
        validUntil: declaration.validUntil as Date,
        expired: (declaration.validUntil as Date) <= now,
        renewalSubmitted: renewing.has(declaration.careProviderId),
      }));
  }

  private async expectStatus(id: string, allowed: DeclarationStatus[], action: string) {
    const current = await this.get(id);
    if (!allowed.includes(current.status)) {
      throw new BryggaError(
        'conflict',
        `status: a ${current.status} declaration cannot be ${action}`,
      );
    }
    return current;
  }

  private async transition(
    id: string,
    expectedVersion: number,
    from: DeclarationStatus[],
    changes: Record<string, unknown>,
    change: string,
    actor: string,
    now: Date,
  ): Promise<SelfDeclaration> {
    const guard = { status: { $in: from } };
    const declaration = await replaceIfVersion(
      this.collection,
      { id },
      expectedVersion,
      changes,
      now,
      guard,
    );
    await this.changed(declaration, change, actor);
    return declaration;
  }

  private changed(declaration: SelfDeclaration, change: string, actor: string): Promise<void> {
    return recordChange(this.audit, {
      entity: 'selfDeclaration',
      entityId: declaration.id,
      careProviderId: declaration.careProviderId,
      change,
      version: declaration.version,
      actor,
    });
  }
}

/** Calendar months; the 31st of a short month becomes its last day. */
function addMonths(from: Date, months: number): Date {
  const result = new Date(from);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0));
  result.setUTCDate(Math.min(day, lastDay.getUTCDate()));
  return result;
}
