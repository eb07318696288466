import { z } from 'zod';

const testPersonSchema = z.object({
  /** 12 digits, valid check digit, fictitious. */
  personalNumber: z.string().regex(/^\d{12}$/),
  givenName: z.string().min(1),
  surname: z.string().min(1),
  risk: z.enum(['low', 'moderate', 'high']).optional(),
  deviceIp: z.string().optional(),
  certificateBlocked: z.boolean().optional(),
  bankIdIssueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/**
 * Configuration key `bankid`: BankID RP API v6.0 login. The RP certificate is either a
 * PKCS#12 file (`pfxPath` + `pfxPassphrase`) or PEM files (`certificatePath` + `keyPath`).
 */
export const bankIdConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Test: https://appapi2.test.bankid.com/rp/v6.0/ ; production: appapi2.bankid.com. */
    baseUrl: z.url().default('https://appapi2.test.bankid.com/rp/v6.0/'),
    pfxPath: z.string().optional(),
    pfxPassphrase: z.string().optional(),
    certificatePath: z.string().optional(),
    keyPath: z.string().optional(),
    /** BankID's SSL root CA (PEM); the only trust anchor for the server. */
    caCertificatePath: z.string().optional(),
    requestTimeoutMs: z.number().int().positive().default(10_000),
    /** Level of assurance for a BankID login (becomes `acr`). */
    acr: z.string().default('http://id.elegnamnden.se/loa/1.0/loa3'),
    /** OIDC Sweden authnProvider for BankID logins. */
    authnProvider: z.string().default('https://www.bankid.com'),
    amr: z.array(z.string()).default(['bankid']),
    /** completionData.risk `moderate` is accepted only when true; `high` never is. */
    moderateRiskAllowed: z.boolean().default(false),
    /** New orders after failed/startFailed (QR not scanned in time) before giving up. */
    startFailedRestarts: z.number().int().min(0).max(10).default(3),
    /** How long a BankID login's state is kept (seconds). */
    flowTtlSeconds: z.number().int().positive().default(600),
    simulator: z
      .object({
        /** Start the local BankID simulator (development only; refused in production). */
        enabled: z.boolean().default(false),
        port: z.number().int().min(0).max(65535).default(0),
        phonePort: z.number().int().min(0).max(65535).default(0),
        /** Approve every order as this person after `autoApproveDelayMs`. */
        autoApprovePersonalNumber: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
        autoApproveDelayMs: z.number().int().min(0).default(3_000),
        /** Fictitious test people; the simulator's built-in ones when empty. */
        people: z.array(testPersonSchema).default([]),
      })
      .default({ enabled: false, port: 0, phonePort: 0, autoApproveDelayMs: 3_000, people: [] }),
  })
  .refine((bankid) => !bankid.enabled || bankid.simulator.enabled || hasCredential(bankid), {
    message: 'bankid: give pfxPath or certificatePath + keyPath, and caCertificatePath',
  });

export type BankIdConfig = z.infer<typeof bankIdConfigSchema>;

function hasCredential(bankid: {
  pfxPath?: string;
  certificatePath?: string;
  keyPath?: string;
  caCertificatePath?: string;
}): boolean {
  const credential = Boolean(bankid.pfxPath) || Boolean(bankid.certificatePath && bankid.keyPath);
  return credential && Boolean(bankid.caCertificatePath);
}
