import { z } from 'zod';
import { validateOrgNumber } from '../validation/org-number.ts';
import type { RecordMeta } from './fields.ts';
import { glnField, hsaIdField, text } from './fields.ts';

/** The kinds of aktör that connect to E-hälsomyndigheten through an operator (domain.md §4). */
export const careProviderKinds = [
  'region',
  'municipality',
  'private-care-provider',
  'pharmacy',
  'veterinary-practice',
  'private-prescriber',
] as const;
export type CareProviderKind = (typeof careProviderKinds)[number];

export const contactPersonSchema = z.object({
  name: text(200),
  role: text(100).optional(),
  email: z.email().optional(),
  phone: z.string().trim().min(3).max(40).optional(),
});

const careProviderFields = z.object({
  orgNumber: z.string(),
  name: text(200),
  kind: z.enum(careProviderKinds),
  hsaId: hsaIdField.optional(),
  /** GLN: required for pharmacies, which E-hälsomyndigheten identifies by it. */
  gln: glnField.optional(),
  contacts: z.array(contactPersonSchema).max(20).default([]),
  status: z.enum(['active', 'inactive']).default('active'),
});

/** Input for creating or replacing a care provider; checks rules that span fields. */
export const careProviderInputSchema = careProviderFields.transform((input, ctx) => {
  // A private prescriber may trade under a personnummer-based organisation number.
  const orgNumber = validateOrgNumber(input.orgNumber, {
    allowSoleTrader: input.kind === 'private-prescriber',
  });
  if (!orgNumber.ok) {
    ctx.addIssue({ code: 'custom', path: ['orgNumber'], message: orgNumber.reason });
    return z.NEVER;
  }
  if (input.kind === 'pharmacy' && !input.gln) {
    ctx.addIssue({ code: 'custom', path: ['gln'], message: 'a pharmacy needs a GLN' });
    return z.NEVER;
  }
  if (input.kind !== 'pharmacy' && input.gln) {
    ctx.addIssue({ code: 'custom', path: ['gln'], message: 'only pharmacies have a GLN' });
    return z.NEVER;
  }
  return { ...input, orgNumber: orgNumber.value };
});

export type CareProviderInput = z.input<typeof careProviderInputSchema>;
export type ContactPerson = z.output<typeof contactPersonSchema>;

/** An aktör: a care provider, pharmacy, veterinary practice or private prescriber. */
export interface CareProvider extends RecordMeta {
  id: string;
  orgNumber: string;
  name: string;
  kind: CareProviderKind;
  hsaId?: string;
  gln?: string;
  contacts: ContactPerson[];
  status: 'active' | 'inactive';
}
