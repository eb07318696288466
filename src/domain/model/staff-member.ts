import { z } from 'zod';
import {
  validateCoordinationNumber,
  validatePersonalIdentityNumber,
} from '../validation/identity-number.ts';
import type { RecordMeta } from './fields.ts';
import { checkedString, codeList, hsaIdField, text } from './fields.ts';

/** A medarbetaruppdrag (HSA commission) at a care unit (domain.md §3.2). */
export const commissionSchema = z.object({
  commissionHsaId: hsaIdField,
  name: text(200),
  /** E.g. "Vård och behandling", "Administration". */
  purpose: text(200),
  careUnitHsaId: hsaIdField.optional(),
  careUnitName: text(200).optional(),
  careProviderHsaId: hsaIdField.optional(),
  careProviderName: text(200).optional(),
});
export type Commission = z.output<typeof commissionSchema>;

/** What a person is and may do at one care provider. */
export const engagementSchema = z
  .object({
    careProviderId: z.string().min(1),
    employeeHsaId: hsaIdField.optional(),
    personalPrescriptionCode: z
      .string()
      .trim()
      .regex(/^\d{1,10}$/, 'digits only')
      .optional(),
    groupPrescriptionCodes: codeList,
    /** Legitimerad yrkesgrupp / yrkeskod, e.g. "LK". */
    healthcareProfessionalLicenses: codeList,
    /** Legitimationskod; E-hälsomyndigheten says it must not be shown to people. */
    licenseIdentityNumber: z.string().trim().min(1).max(32).optional(),
    paTitleCodes: codeList,
    systemRoles: codeList,
    commissions: z.array(commissionSchema).max(100).default([]),
    active: z.boolean().default(true),
  })
  .refine(
    (engagement) =>
      new Set(engagement.commissions.map((c) => c.commissionHsaId)).size ===
      engagement.commissions.length,
    { path: ['commissions'], message: 'each commission HSA-ID appears once' },
  );
export type Engagement = z.output<typeof engagementSchema>;

export const staffMemberInputSchema = z
  .object({
    personalIdentityNumber: checkedString((v) => validatePersonalIdentityNumber(v)).optional(),
    coordinationNumber: checkedString((v) => validateCoordinationNumber(v)).optional(),
    givenName: text(200),
    familyName: text(200),
    engagements: z.array(engagementSchema).max(50).default([]),
  })
  .superRefine((staff, ctx) => {
    if (staff.personalIdentityNumber && staff.coordinationNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['coordinationNumber'],
        message: 'a person has a personnummer or a samordningsnummer, not both',
      });
    }
    // A SITHS identity may carry only an HSA-ID; anything else needs an identity number.
    const hsaIds = staff.engagements.flatMap((e) => (e.employeeHsaId ? [e.employeeHsaId] : []));
    if (!staff.personalIdentityNumber && !staff.coordinationNumber && hsaIds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['personalIdentityNumber'],
        message: 'an identity number or an employee HSA-ID is required',
      });
    }
    if (new Set(hsaIds).size !== hsaIds.length) {
      ctx.addIssue({ code: 'custom', path: ['engagements'], message: 'employeeHsaId repeats' });
    }
    const providers = staff.engagements.map((e) => e.careProviderId);
    if (new Set(providers).size !== providers.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['engagements'],
        message: 'one engagement per care provider',
      });
    }
  });
export type StaffMemberInput = z.input<typeof staffMemberInputSchema>;

export interface StaffMember extends RecordMeta {
  /** Random UUID; the OIDC accountId. Never derived from the identity number. */
  personId: string;
  personalIdentityNumber?: string;
  coordinationNumber?: string;
  givenName: string;
  familyName: string;
  engagements: Engagement[];
}

export function identityNumberOf(staff: {
  personalIdentityNumber?: string;
  coordinationNumber?: string;
}): string | undefined {
  return staff.personalIdentityNumber ?? staff.coordinationNumber;
}
