import type { AuditEvent } from '../audit/audit-log.ts';
import type { CareProvider } from '../domain/model/care-provider.ts';
import type { Licence } from '../domain/model/licence.ts';
import type { SelfDeclaration } from '../domain/model/self-declaration.ts';
import type { Engagement, StaffMember } from '../domain/model/staff-member.ts';
import type { Principal } from './principal.ts';
import { mayAdminister } from './principal.ts';

/**
 * What the admin API shows of each record: named fields only, so a field added to the
 * store is not published by accident. These shapes are the OpenAPI document's schemas.
 */
export function careProviderView(careProvider: CareProvider) {
  const { id, orgNumber, name, kind, hsaId, gln, contacts, status } = careProvider;
  return { id, orgNumber, name, kind, hsaId, gln, contacts, status, ...meta(careProvider) };
}

export function licenceView(licence: Licence) {
  const { id, careProviderId, validFrom, validTo, seats, allowedMethods, status } = licence;
  return {
    id,
    careProviderId,
    validFrom,
    validTo,
    seats,
    allowedMethods,
    status,
    ...meta(licence),
  };
}

export function declarationView(declaration: SelfDeclaration) {
  const { id, careProviderId, status, answers, responsiblePerson, signedOn } = declaration;
  const { submittedAt, submittedBy, approvedAt, validUntil } = declaration;
  return {
    id,
    careProviderId,
    status,
    answers,
    responsiblePerson,
    signedOn,
    submittedAt,
    submittedBy,
    reviews: declaration.reviews.map(({ decision, reviewer, at, comment }) => ({
      decision,
      reviewer,
      at,
      comment,
    })),
    approvedAt,
    validUntil,
    ...meta(declaration),
  };
}

/** A care-provider administrator sees only the engagements at its own care providers. */
export function staffView(staff: StaffMember, principal: Principal) {
  const { personId, personalIdentityNumber, coordinationNumber, givenName, familyName } = staff;
  return {
    personId,
    personalIdentityNumber,
    coordinationNumber,
    givenName,
    familyName,
    engagements: staff.engagements
      .filter((engagement) => mayAdminister(principal, engagement.careProviderId))
      .map(engagementView),
    ...meta(staff),
  };
}

/**
 * What a care-provider admin gets back from registering a person: the person-level fields
 * as it sent them, not as another care provider may have stored them, and its own
 * engagements. TODO(staff-tenancy): version and timestamps are the shared record's.
 */
export function registrationView(
  staff: StaffMember,
  given: Pick<StaffMember, 'personalIdentityNumber' | 'coordinationNumber'> &
    Pick<StaffMember, 'givenName' | 'familyName'>,
  principal: Principal,
) {
  return {
    ...staffView(staff, principal),
    personalIdentityNumber: given.personalIdentityNumber,
    coordinationNumber: given.coordinationNumber,
    givenName: given.givenName,
    familyName: given.familyName,
  };
}

function engagementView(engagement: Engagement) {
  return { ...engagement, commissions: engagement.commissions.map((c) => ({ ...c })) };
}

export function auditEventView(event: AuditEvent) {
  const { id, at, personHash, personId, clientId, careProviderId, method, reason, actor } = event;
  const { details } = event;
  return {
    id,
    event: event.event,
    at,
    personHash,
    personId,
    clientId,
    careProviderId,
    method,
    reason,
    actor,
    details,
  };
}

function meta(record: { version: number; createdAt: Date; updatedAt: Date }) {
  return { version: record.version, createdAt: record.createdAt, updatedAt: record.updatedAt };
}
