import { z } from 'zod';
import type { RecordMeta } from './fields.ts';
import { text } from './fields.ts';

/**
 * The checklist an aktör answers, after E-hälsomyndigheten's general security
 * requirements for connecting actors (domain.md §4.4). EHM's own form was not found, so
 * the items follow the proposal there; each answer says how the requirement is met.
 */
export const declarationItems = [
  /** Structured, risk-based security work per ISO/IEC 27001 or equivalent (§4.4 item 1). */
  'informationSecurityManagement',
  'riskManagement',
  'incidentManagement',
  /** Incidents affecting the exchange reported to the operator and EHM's service desk. */
  'incidentReporting',
  'identityAndAccessManagement',
  /** Joiner, mover and leaver routines for staff accounts and attributes. */
  'joinerMoverLeaver',
  /** Attributes (prescriber codes, licences, commissions) kept correct. */
  'attributeCorrectness',
  'malwareProtection',
  'intrusionProtection',
  'logging',
  'subContractors',
] as const;
export type DeclarationItem = (typeof declarationItems)[number];

export const declarationAnswerSchema = z.object({
  fulfilled: z.boolean(),
  /** How the requirement is met, or why not and what is planned. */
  description: text(4000),
});
export type DeclarationAnswer = z.output<typeof declarationAnswerSchema>;

export const responsiblePersonSchema = z.object({
  name: text(200),
  role: text(200),
  email: z.email().optional(),
});
export type ResponsiblePerson = z.output<typeof responsiblePersonSchema>;

/** What the aktör fills in; everything may be partial while a draft. */
export const declarationDraftSchema = z.object({
  answers: z.partialRecord(z.enum(declarationItems), declarationAnswerSchema).default({}),
  responsiblePerson: responsiblePersonSchema.optional(),
  /** The date the responsible person signed. */
  signedOn: z.iso.date().optional(),
});
export type DeclarationDraftInput = z.input<typeof declarationDraftSchema>;

export type DeclarationStatus = 'draft' | 'submitted' | 'approved' | 'returned';

/** One reviewer decision, kept for good: who, when and why. */
export interface DeclarationReview {
  decision: 'approved' | 'returned';
  reviewer: string;
  at: Date;
  comment?: string;
}

export interface SelfDeclaration extends RecordMeta {
  id: string;
  careProviderId: string;
  status: DeclarationStatus;
  answers: Partial<Record<DeclarationItem, DeclarationAnswer>>;
  responsiblePerson?: ResponsiblePerson;
  signedOn?: string;
  submittedAt?: Date;
  submittedBy?: string;
  reviews: DeclarationReview[];
  approvedAt?: Date;
  /** End of the approval: approvedAt plus the configured validity period. */
  validUntil?: Date;
}

/** Items still missing before a declaration can be submitted. */
export function missingForSubmission(declaration: SelfDeclaration): string[] {
  const missing: string[] = declarationItems.filter((item) => !declaration.answers[item]);
  if (!declaration.responsiblePerson) missing.push('responsiblePerson');
  if (!declaration.signedOn) missing.push('signedOn');
  return missing;
}

export function declarationInForce(declaration: SelfDeclaration, now: Date): boolean {
  return (
    declaration.status === 'approved' &&
    declaration.validUntil !== undefined &&
    now < declaration.validUntil
  );
}
