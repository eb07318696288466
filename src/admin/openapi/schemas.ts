import { careProviderInputSchema, careProviderKinds } from '../../domain/model/care-provider.ts';
import { contactPersonSchema } from '../../domain/model/care-provider.ts';
import {
  licenceInputSchema,
  licenceStatuses,
  licensedMethods,
} from '../../domain/model/licence.ts';
import {
  declarationAnswerSchema,
  declarationDraftSchema,
  declarationItems,
  responsiblePersonSchema,
} from '../../domain/model/self-declaration.ts';
import { staffMemberInputSchema } from '../../domain/model/staff-member.ts';
import {
  approvalSchema,
  auditQuerySchema,
  deactivateSchema,
  returnSchema,
  searchSchema,
} from '../inputs.ts';
import type { JsonSchema } from './json-schema.ts';
import {
  arrayOf,
  boolean,
  enumOf,
  integer,
  object,
  ref,
  requestSchema,
  string,
  timestamp,
  uuid,
} from './json-schema.ts';

const meta = { version: integer, createdAt: timestamp, updatedAt: timestamp };
const codes = arrayOf(string);

const commission = object(
  { commissionHsaId: string, name: string, purpose: string },
  {
    careUnitHsaId: string,
    careUnitName: string,
    careProviderHsaId: string,
    careProviderName: string,
  },
);

const engagement = object(
  {
    careProviderId: string,
    groupPrescriptionCodes: codes,
    healthcareProfessionalLicenses: codes,
    paTitleCodes: codes,
    systemRoles: codes,
    commissions: arrayOf(commission),
    active: boolean,
  },
  { employeeHsaId: string, personalPrescriptionCode: string, licenseIdentityNumber: string },
);

const review = object(
  { decision: enumOf(['approved', 'returned']), reviewer: string, at: timestamp },
  { comment: string },
);

const list = (property: string, item: string) => object({ [property]: arrayOf(ref(item)) });

/** Every schema the document names, request schemas taken from the domain's zod schemas. */
export const componentSchemas: Record<string, JsonSchema> = {
  CareProviderInput: requestSchema(careProviderInputSchema),
  LicenceInput: requestSchema(licenceInputSchema),
  SelfDeclarationDraft: requestSchema(declarationDraftSchema),
  StaffMemberInput: requestSchema(staffMemberInputSchema),
  ApprovalInput: requestSchema(approvalSchema),
  ReturnInput: requestSchema(returnSchema),
  StaffSearch: requestSchema(searchSchema),
  DeactivateInput: requestSchema(deactivateSchema),
  AuditQuery: requestSchema(auditQuerySchema),

  CareProvider: object(
    {
      id: uuid,
      orgNumber: string,
      name: string,
      kind: enumOf(careProviderKinds),
      contacts: arrayOf(requestSchema(contactPersonSchema)),
      status: enumOf(['active', 'inactive']),
      ...meta,
    },
    { hsaId: string, gln: string },
  ),
  CareProviderList: list('careProviders', 'CareProvider'),
  Licence: object({
    id: uuid,
    careProviderId: uuid,
    validFrom: timestamp,
    validTo: timestamp,
    seats: integer,
    allowedMethods: arrayOf(enumOf(licensedMethods)),
    status: enumOf(licenceStatuses),
    ...meta,
  }),
  LicenceList: list('licences', 'Licence'),
  SelfDeclaration: object(
    {
      id: uuid,
      careProviderId: uuid,
      status: enumOf(['draft', 'submitted', 'approved', 'returned']),
      answers: {
        type: 'object',
        propertyNames: enumOf(declarationItems),
        additionalProperties: requestSchema(declarationAnswerSchema),
      },
      reviews: arrayOf(review),
      ...meta,
    },
    {
      responsiblePerson: requestSchema(responsiblePersonSchema),
      signedOn: { type: 'string', format: 'date' },
      submittedAt: timestamp,
      submittedBy: string,
      approvedAt: timestamp,
      validUntil: timestamp,
    },
  ),
  SelfDeclarationList: list('selfDeclarations', 'SelfDeclaration'),
  Reminder: object({
    careProviderId: uuid,
    declarationId: uuid,
    validUntil: timestamp,
    expired: boolean,
    renewalSubmitted: boolean,
  }),
  ReminderList: list('reminders', 'Reminder'),
  StaffMember: object(
    {
      personId: uuid,
      givenName: string,
      familyName: string,
      engagements: arrayOf(engagement),
      ...meta,
    },
    { personalIdentityNumber: string, coordinationNumber: string },
  ),
  StaffList: list('staff', 'StaffMember'),
  AuditEvent: object(
    { id: uuid, event: string, at: timestamp },
    {
      personHash: string,
      personId: string,
      clientId: string,
      careProviderId: string,
      method: string,
      reason: string,
      actor: string,
      details: { type: 'object' },
    },
  ),
  AuditEventList: list('events', 'AuditEvent'),
  Me: object({
    clientId: string,
    operator: boolean,
    careProviderIds: arrayOf(string),
  }),
  OpenApiDocument: {
    type: 'object',
    required: ['openapi', 'info', 'paths', 'components'],
    properties: { openapi: { const: '3.1.1' } },
  },
  Problem: object(
    { type: string, title: string, status: integer, detail: string, errorId: uuid },
    { errors: arrayOf(object({ field: string, message: string })) },
  ),
};
