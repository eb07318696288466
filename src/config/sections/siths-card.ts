import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

const listenerSchema = z.object({
  /** Brygga terminates TLS and asks the browser for the card (mode a, docs/siths-card.md). */
  enabled: z.boolean().default(false),
  host: z.string().min(1).default('127.0.0.1'),
  /** A port of its own: every connection to it asks for a client certificate. */
  port: port.default(8443),
  /** Server certificate and key (PEM) of the listener; the host name must be the issuer's. */
  certificatePath: z.string().optional(),
  keyPath: z.string().optional(),
});

const ocspSchema = z.object({
  enabled: z.boolean().default(false),
  /** Responder to ask instead of the card's Authority Information Access OCSP URL. */
  url: z.url().optional(),
  /** Refuse the login when the responder cannot be asked or gives no usable answer. */
  failClosed: z.boolean().default(true),
  timeoutMs: z.number().int().positive().default(5000),
  /** RFC 8954: send a nonce and require it back (turn off for pre-signed responders). */
  requireNonce: z.boolean().default(true),
});

const crlSchema = z.object({
  /** CRLs of the issuing CAs (DER or PEM), fetched and cached; empty turns CRL checks off. */
  urls: z.array(z.url()).default([]),
  /** Fetch again after this long, or earlier when the cached CRL's nextUpdate has passed. */
  refreshSeconds: z.number().int().positive().default(3600),
  /** Refuse the login when no current, correctly signed CRL covers the card's issuer. */
  failClosed: z.boolean().default(true),
  timeoutMs: z.number().int().positive().default(10_000),
});

const simulatorSchema = z.object({
  /**
   * Development only: create a SITHS-like test PKI under `directory`, run its OCSP responder
   * and CRL endpoint on 127.0.0.1 and point this connector at them. Refused in production.
   */
  enabled: z.boolean().default(false),
  directory: z.string().default('.data/siths'),
  /** HTTP port of the OCSP responder and CRL endpoint; 0 picks a free port. */
  port: port.default(0),
  /** Passphrase of the test card's PKCS#12 file (a published development value). */
  passphrase: z.string().min(1).default('brygga-dev'),
});

/**
 * Config key `sithsCard`: SITHS card login by TLS client certificate (upstreams.md §3.1–3.2).
 * The certificate comes from Brygga's own TLS listener or from a trusted reverse proxy header.
 */
export const sithsCardConfigSchema = z.object({
  enabled: z.boolean().default(false),
  listener: listenerSchema.prefault({}),
  /** PEM files with the SITHS issuing CAs and roots; a chain must end in a root listed here. */
  caCertificatePaths: z.array(z.string()).default([]),
  /** Exact TCP peer addresses of reverse proxies allowed to pass the certificate (mode b). */
  trustedProxies: z.array(z.string()).default([]),
  /** Header with the URL-encoded PEM client certificate (nginx `$ssl_client_escaped_cert`). */
  certificateHeader: z.string().min(1).default('x-ssl-client-cert'),
  ocsp: ocspSchema.prefault({}),
  crl: crlSchema.prefault({}),
  /** Allowed clock difference to OCSP/CRL producers, in seconds. */
  clockSkewSeconds: z.number().int().min(0).default(120),
  /** Level of assurance reported for a card login (becomes `acr`). */
  acr: z.string().default('http://id.elegnamnden.se/loa/1.0/loa3'),
  /** OIDC Sweden authnProvider value for this method. */
  authnProvider: z.string().default('urn:brygga:authn-provider:siths-card'),
  simulator: simulatorSchema.prefault({}),
});

export type SithsCardConfig = z.infer<typeof sithsCardConfigSchema>;
