import { z } from 'zod';
import type { RecordMeta } from './fields.ts';

/** Login methods a licence can allow (the dev login is not licensable). */
export const licensedMethods = ['bankid', 'freja', 'siths-card', 'siths-federation'] as const;
export type LicensedMethod = (typeof licensedMethods)[number];

export const licenceStatuses = ['active', 'suspended', 'expired'] as const;
export type LicenceStatus = (typeof licenceStatuses)[number];

export const licenceInputSchema = z
  .object({
    careProviderId: z.string().min(1),
    validFrom: z.coerce.date(),
    validTo: z.coerce.date(),
    /** Seats: how many staff members may be active at once. */
    seats: z.number().int().min(0).max(1_000_000),
    allowedMethods: z
      .array(z.enum(licensedMethods))
      .min(1)
      .refine((methods) => new Set(methods).size === methods.length, 'methods are listed once'),
    status: z.enum(licenceStatuses).default('active'),
  })
  .refine((licence) => licence.validTo > licence.validFrom, {
    path: ['validTo'],
    message: 'validTo must be after validFrom',
  });

export type LicenceInput = z.input<typeof licenceInputSchema>;

export interface Licence extends RecordMeta {
  id: string;
  careProviderId: string;
  validFrom: Date;
  validTo: Date;
  seats: number;
  allowedMethods: LicensedMethod[];
  status: LicenceStatus;
}

/** A licence counts only while active and inside its dates. */
export function licenceInForce(licence: Licence, now: Date): boolean {
  return licence.status === 'active' && licence.validFrom <= now && now < licence.validTo;
}
