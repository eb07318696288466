import { z } from 'zod';

/**
 * Request bodies and queries the admin API adds around the domain's records. The domain's
 * own records (care provider, licence, self-declaration, staff member) are checked by the
 * domain's schemas; these are described in the OpenAPI document from the same zod objects.
 */
export const approvalSchema = z.object({ comment: z.string().trim().max(4000).optional() });

export const returnSchema = z.object({
  comment: z.string().trim().min(1, 'say what to fix').max(4000),
});

export const reminderQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(3650).optional(),
});

export const staffListQuerySchema = z.object({ careProviderId: z.string().min(1).optional() });

/** The identity number travels in the body, never in a URL (URLs end up in logs). */
export const searchSchema = z.object({ identityNumber: z.string().trim().min(1) });

export const deactivateSchema = z.object({ careProviderId: z.string().min(1).optional() });

export const auditQuerySchema = z
  .object({
    careProviderId: z.string().min(1).optional(),
    identityNumber: z.string().trim().min(1).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .refine((query) => !query.from || !query.to || new Date(query.from) < new Date(query.to), {
    path: ['to'],
    message: 'to must be after from',
  });
