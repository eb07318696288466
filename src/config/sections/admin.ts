import { z } from 'zod';

/** Config key `admin`: the operator's admin API (REST under /admin/v1) on its own port. */
export const adminConfigSchema = z.object({
  /** Serve the admin API. Off unless configured; config/default.yaml turns it on. */
  enabled: z.boolean().default(false),
  /** Keep it on loopback or an internal network: it is not for the public internet. */
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3002),
  /** Largest JSON request body, e.g. a self-declaration with long answers. */
  bodyLimit: z.string().default('256kb'),
});

export type AdminConfig = z.infer<typeof adminConfigSchema>;
