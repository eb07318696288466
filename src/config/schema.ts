import { z } from 'zod';
import { adminConfigSchema } from './sections/admin.ts';
import { bankIdConfigSchema } from './sections/bankid.ts';
import { domainConfigSchema } from './sections/domain.ts';
import { frejaConfigSchema } from './sections/freja.ts';
import { samlConfigSchema } from './sections/saml.ts';
import { sithsCardConfigSchema } from './sections/siths-card.ts';

const port = z.number().int().min(0).max(65535);
const seconds = z.number().int().positive();

const clientSeedSchema = z.object({
  client_id: z.string().min(1),
  client_name: z.string().optional(),
  token_endpoint_auth_method: z.enum([
    'private_key_jwt',
    'client_secret_basic',
    'client_secret_post',
    'none',
  ]),
  client_secret: z.string().min(32).optional(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
  jwks_uri: z.url().optional(),
  redirect_uris: z.array(z.string()).default([]),
  post_logout_redirect_uris: z.array(z.string()).default([]),
  grant_types: z.array(z.string()).default(['authorization_code']),
  response_types: z.array(z.string()).default(['code']),
  application_type: z.enum(['web', 'native']).default('web'),
  scope: z.string().optional(),
  subject_type: z.enum(['public', 'pairwise']).default('pairwise'),
  require_pushed_authorization_requests: z.boolean().default(false),
  backchannel_logout_uri: z.string().optional(),
  backchannel_logout_session_required: z.boolean().optional(),
  userinfo_signed_response_alg: z.string().optional(),
  default_acr_values: z.array(z.string()).optional(),
  /** Brygga extension: claims this client may ever receive (names from the claim table). */
  'urn:brygga:allowed_claims': z.array(z.string()).optional(),
  /** Brygga extension: roles for the admin API when the client uses client_credentials. */
  'urn:brygga:roles': z.array(z.string()).optional(),
});

export type ClientSeed = z.infer<typeof clientSeedSchema>;

export const configSchema = z.object({
  env: z.enum(['development', 'test', 'production']),
  issuer: z.url(),
  http: z.object({
    host: z.string().min(1),
    port,
    /** Addresses (exact IPs) of reverse proxies whose X-Forwarded-For is believed. */
    trustedProxies: z.array(z.string()).default([]),
    /**
     * How many proxies append to X-Forwarded-For in front of Brygga: the client address is
     * taken that many entries from the right, never from what the client itself sent.
     */
    proxyHops: z.number().int().min(1).max(5).default(1),
  }),
  mongodb: z.object({
    /** Empty: the embedded in-process store (development only). */
    uri: z.string().optional(),
    database: z.string().min(1),
  }),
  secrets: z.object({
    /** HMAC key for pairwise `sub` values; rotating it changes every `sub`. */
    pairwiseSalt: z.string().min(32),
    /** Base64 of 32 bytes; encrypts signing keys at rest (AES-256-GCM). */
    keyEncryptionKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes'),
    /** Keys for signed cookies; the first signs, all verify. */
    cookieKeys: z.array(z.string().min(32)).min(1),
    /** HMAC key that turns identity numbers into audit-search hashes. */
    auditHashKey: z.string().min(32),
  }),
  oidc: z.object({
    ttl: z.object({
      idToken: seconds.max(300, 'OIDC Sweden: ID token exp must not exceed 5 minutes'),
      accessToken: seconds,
      authorizationCode: seconds.max(600),
      refreshToken: seconds,
      interaction: seconds,
      session: seconds,
      grant: seconds,
      pushedAuthorizationRequest: seconds.max(600),
    }),
    acrValues: z.array(z.string()).min(1),
    /** Accept the development-only test login. Refused in production. */
    devLogin: z.boolean(),
    /**
     * Let the provider's own outbound requests (back-channel logout, jwks_uri) reach
     * loopback and private addresses. Tests and demos only; refused in production.
     */
    allowPrivateNetworkFetch: z.boolean().default(false),
    /** Discovery's service_documentation (Sweden Connect OIDC profile 3.1: SHOULD). */
    serviceDocumentation: z.url().optional(),
  }),
  clients: z.array(clientSeedSchema),
  demo: z.object({
    /** Start the demo relying party beside the bridge. */
    relyingParty: z.boolean(),
    port,
  }),
  metrics: z.object({ enabled: z.boolean() }),
  domain: domainConfigSchema.prefault({}),
  admin: adminConfigSchema.prefault({}),
  bankid: bankIdConfigSchema.prefault({}),
  freja: frejaConfigSchema.prefault({}),
  sithsCard: sithsCardConfigSchema.prefault({}),
  saml: samlConfigSchema.prefault({}),
  log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) }),
});

export type BryggaConfig = z.infer<typeof configSchema>;
