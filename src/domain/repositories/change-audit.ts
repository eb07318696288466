import type { AuditLog } from '../../audit/audit-log.ts';

export type DomainEntity = 'careProvider' | 'licence' | 'selfDeclaration' | 'staffMember';

export interface DomainChange {
  entity: DomainEntity;
  entityId: string;
  /** What happened, e.g. created, updated, submitted, approved, returned. */
  change: string;
  version: number;
  /** Who did it: an admin subject, a client id, or "seed". */
  actor: string;
  careProviderId?: string;
  /** Identity number of the person concerned; only its keyed hash is stored. */
  identityNumber?: string;
  personId?: string;
}

/** Every change to the operator's domain leaves one `domain.changed` audit event. */
export async function recordChange(audit: AuditLog, change: DomainChange): Promise<void> {
  await audit.record({
    event: 'domain.changed',
    actor: change.actor,
    ...(change.careProviderId && { careProviderId: change.careProviderId }),
    ...(change.personId && { personId: change.personId }),
    ...(change.identityNumber && { personHash: audit.hashPerson(change.identityNumber) }),
    details: {
      entity: change.entity,
      entityId: change.entityId,
      change: change.change,
      version: change.version,
    },
  });
}
