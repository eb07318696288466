import { z } from 'zod';

/** Config key `domain`: the operator's rules for care providers and their staff. */
export const domainConfigSchema = z.object({
  /** How long an approved self-declaration stays valid, in months. */
  declarationValidityMonths: z.number().int().min(1).max(36).default(12),
  /** Remind care providers this many days before their approval ends. */
  declarationReminderDays: z.number().int().min(1).max(365).default(60),
  /** Load the demo care providers, licences and staff at start-up (development only). */
  seedDemoData: z.boolean().default(false),
});

export type DomainConfig = z.infer<typeof domainConfigSchema>;
