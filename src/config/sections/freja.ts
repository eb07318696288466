import { z } from 'zod';

/** Fictitious test people the simulator's phone can approve as (never real persons). */
export const frejaTestPersonSchema = z.object({
  /** Personnummer or samordningsnummer, 12 digits (SKV 704 / SKV 707). */
  ssn: z.string().regex(/^\d{12}$/, '12 digits'),
  givenName: z.string().min(1),
  surname: z.string().min(1),
  /** Freja registration level the simulated app reports for this person. */
  registrationLevel: z.enum(['BASIC', 'EXTENDED', 'PLUS']).default('PLUS'),
  email: z.string().optional(),
});

export type FrejaTestPerson = z.infer<typeof frejaTestPersonSchema>;

/**
 * Made-up people: the widely used test number 19121212-1212 and Luhn-valid numbers born in
 * 1880 (nobody alive); the third is a samordningsnummer (day of birth + 60).
 */
export const defaultFrejaTestPeople: FrejaTestPerson[] = [
  { ssn: '191212121212', givenName: 'Tolvan', surname: 'Tolvansson', registrationLevel: 'PLUS' },
  { ssn: '188001019804', givenName: 'Elsa', surname: 'Extended', registrationLevel: 'EXTENDED' },
  { ssn: '188001619819', givenName: 'Sam', surname: 'Samordning', registrationLevel: 'PLUS' },
];

const frejaSimulatorSchema = z.object({
  /** Start the local Freja eID REST simulator and point the connector at it (not production). */
  enabled: z.boolean().default(false),
  /** HTTPS port of the simulated Freja service; 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  /** Plain-HTTP port of the simulated phone (control page and JSON); 0 picks a free port. */
  phonePort: z.number().int().min(0).max(65535).default(0),
  /** ssn of a test person who approves every request at once (development convenience). */
  autoApprove: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  people: z.array(frejaTestPersonSchema).min(1).default(defaultFrejaTestPeople),
});

/**
 * Config key `freja`: Freja eID+ through the Freja eID REST API (upstreams.md §2).
 * File paths are PEM files; the signing certificates are keyed by their computed `x5t`, so a
 * Freja key rotation is a configuration change (add the new certificate, later drop the old).
 */
export const frejaConfigSchema = z.object({
  enabled: z.boolean().default(false),
  /** Test `https://services.test.frejaeid.com`, production `https://services.prod.frejaeid.com`. */
  baseUrl: z.url().default('https://services.test.frejaeid.com'),
  /** The relying-party certificate Freja issued to the operator, and its private key. */
  clientCertificatePath: z.string().optional(),
  clientKeyPath: z.string().optional(),
  /** Freja's TLS root; the only root trusted for the service host (never the OS store). */
  caCertificatePath: z.string().optional(),
  /** Freja JWS signing certificates (PEM paths) that may sign the `details` result. */
  signingCertificates: z.array(z.string()).default([]),
  /** Level of assurance reported for a Freja eID+ login (becomes `acr`). */
  acr: z.string().default('http://id.elegnamnden.se/loa/1.0/loa3'),
  /** OIDC Sweden authnProvider value for this method. */
  authnProvider: z.string().default('https://frejaeid.com'),
  /** Our poll interval against Freja; Freja's own client allows 1000 ms at least. */
  pollIntervalMs: z.number().int().min(1000).default(2000),
  simulator: frejaSimulatorSchema.prefault({}),
});

export type FrejaConfig = z.infer<typeof frejaConfigSchema>;
