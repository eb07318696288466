import { z } from 'zod';
import { samlTestPersonSchema, defaultSamlTestPeople } from './saml-test-people.ts';

const text = z.object({ sv: z.string().min(1), en: z.string().min(1) });

/**
 * A key pair given either as PEM text or as paths to PEM files. Exactly one key per list
 * is `active` (signs or is announced first); the others stay published so peers holding
 * an older copy of our metadata keep working through a rollover (SC-DEPLOY 2.1.3).
 */
const keyPairSchema = z
  .object({
    id: z.string().min(1),
    certificatePem: z.string().optional(),
    certificatePath: z.string().optional(),
    privateKeyPem: z.string().optional(),
    privateKeyPath: z.string().optional(),
    active: z.boolean().default(false),
  })
  .refine((key) => Boolean(key.certificatePem) !== Boolean(key.certificatePath), {
    message: 'give exactly one of certificatePem, certificatePath',
  })
  .refine((key) => Boolean(key.privateKeyPem) !== Boolean(key.privateKeyPath), {
    message: 'give exactly one of privateKeyPem, privateKeyPath',
  });

export type SamlKeyPairConfig = z.infer<typeof keyPairSchema>;

const requestedAttributeSchema = z.object({
  name: z.string().min(1),
  friendlyName: z.string().optional(),
  isRequired: z.boolean().default(false),
});

const oneOf = (a: string, b: string) => (value: Record<string, unknown>) =>
  [value[a], value[b]].filter(Boolean).length === 1;

/** One IdP configured by itself (outside any federation), trusted by local configuration. */
const idpSchema = z
  .object({
    metadataFile: z.string().optional(),
    metadataUrl: z.url().optional(),
    metadataXml: z.string().optional(),
    enabled: z.boolean().default(true),
  })
  .refine(
    (idp) => [idp.metadataFile, idp.metadataUrl, idp.metadataXml].filter(Boolean).length === 1,
    { message: 'give exactly one of metadataFile, metadataUrl, metadataXml' },
  );

/** A federation aggregate (an EntitiesDescriptor) whose signature must verify. */
const federationSchema = z
  .object({
    id: z.string().min(1),
    url: z.url().optional(),
    file: z.string().optional(),
    signerCertificatePath: z.string().optional(),
    signerCertificatePem: z.string().optional(),
    /** Seconds between fetches; a shorter cacheDuration in the aggregate wins. */
    refreshIntervalSeconds: z.number().int().min(10).default(3600),
  })
  .refine(oneOf('url', 'file'), { message: 'give exactly one of url, file' })
  .refine(oneOf('signerCertificatePath', 'signerCertificatePem'), {
    message: 'a federation needs a pinned signer certificate',
  });

export type SamlFederationConfig = z.infer<typeof federationSchema>;

const defaultRequestedAttributes = [
  { name: 'urn:oid:1.2.752.29.4.13', friendlyName: 'personalIdentityNumber', isRequired: false },
  { name: 'urn:oid:2.5.4.42', friendlyName: 'givenName', isRequired: false },
  { name: 'urn:oid:2.5.4.4', friendlyName: 'sn', isRequired: false },
  { name: 'urn:oid:2.16.840.1.113730.3.1.241', friendlyName: 'displayName', isRequired: false },
  { name: 'urn:oid:1.2.752.29.6.2.1', friendlyName: 'employeeHsaId', isRequired: false },
  { name: 'http://sambi.se/attributes/1/employeeHsaId', friendlyName: 'employeeHsaId' },
  { name: 'http://sambi.se/attributes/1/personalIdentityNumber' },
  { name: 'http://sambi.se/attributes/1/givenName' },
  { name: 'http://sambi.se/attributes/1/surname' },
  { name: 'http://sambi.se/attributes/1/commissionHsaId' },
  { name: 'http://sambi.se/attributes/1/personalPrescriptionCode' },
  { name: 'http://sambi.se/attributes/1/groupPrescriptionCode' },
  { name: 'http://sambi.se/attributes/1/healthcareProfessionalLicense' },
  { name: 'http://sambi.se/attributes/1/systemRole' },
  { name: 'urn:sambi:names:attribute:levelOfAssurance' },
  { name: 'urn:sambi:names:attribute:authnMethod' },
].map((attribute) => requestedAttributeSchema.parse(attribute));

const spSchema = z.object({
  /** Default `${issuer}/saml/sp`. */
  entityId: z.string().optional(),
  /** Default `${issuer}/saml/acs`. */
  acsUrl: z.url().optional(),
  /** Empty outside production: development keys are made once and kept in the store. */
  signingKeys: z.array(keyPairSchema).default([]),
  encryptionKeys: z.array(keyPairSchema).default([]),
  organization: z.object({ name: text, displayName: text, url: text }).default({
    name: { sv: 'Brygga', en: 'Brygga' },
    displayName: { sv: 'Brygga inloggning', en: 'Brygga login' },
    url: { sv: 'http://localhost:3000', en: 'http://localhost:3000' },
  }),
  uiInfo: z.object({ displayName: text, description: text, logoUrl: z.url().optional() }).default({
    displayName: { sv: 'Brygga inloggning', en: 'Brygga login' },
    description: {
      sv: 'Inloggning för vårdens system via Säker åtkomst',
      en: 'Login for healthcare systems through Secure Access',
    },
  }),
  contactEmail: z.string().default('mailto:operator@example.invalid'),
  /**
   * Service entity categories (SC-ENTCAT). SC-REG still lists loa3-hsaid while SC-ENTCAT 1.8
   * removed it ("may be defined by the federation operator"): keep or drop per federation.
   */
  entityCategories: z
    .array(z.string())
    .default([
      'http://id.elegnamnden.se/ec/1.0/loa3-pnr',
      'http://id.swedenconnect.se/ec/1.0/loa3-hsaid',
      'http://id.elegnamnden.se/st/1.0/public-sector-sp',
    ]),
  requestedAttributes: z.array(requestedAttributeSchema).default(defaultRequestedAttributes),
  /** Binding for AuthnRequests when the IdP offers both; POST suits long requests. */
  requestBinding: z.enum(['redirect', 'post']).default('redirect'),
  /** Accepted LoA URIs when the client named none (RequestedAuthnContext, exact). */
  defaultAcrValues: z
    .array(z.string())
    .min(1)
    .default([
      'http://id.elegnamnden.se/loa/1.0/loa3',
      'http://id.swedenconnect.se/loa/1.0/uncertified-loa3',
      'http://id.sambi.se/loa/loa3',
    ]),
});

const simulatorSchema = z.object({
  /** Start the local SAML IdP simulator, trusted through a signed test aggregate. */
  enabled: z.boolean().default(false),
  port: z.number().int().min(0).max(65535).default(0),
  /** Encrypt assertions to the SP's encryption key, as SC-DEPLOY requires of real IdPs. */
  encryptAssertions: z.boolean().default(true),
  people: z.array(samlTestPersonSchema).min(1).default(defaultSamlTestPeople),
});

/** Config key `saml`: the SITHS / Sweden Connect / Sambi SAML service provider. */
export const samlConfigSchema = z.object({
  enabled: z.boolean().default(false),
  sp: spSchema.prefault({}),
  idps: z.array(idpSchema).default([]),
  federations: z.array(federationSchema).default([]),
  /** Entity ids refused even when a federation lists them (checked again at the ACS). */
  disabledIdps: z.array(z.string()).default([]),
  /**
   * IdP entity ids authoritative for HSA-IDs, commissions and healthcare attributes (e.g.
   * Inera's IdP, which reads them from HSA). Another IdP's person is found only by the
   * identity number it asserts, and its healthcare attributes are ignored. Default: none.
   */
  hsaAuthorities: z.array(z.string().min(1)).default([]),
  /** SHA-1 signatures and digests are refused unless this is set (SC-DEPLOY algorithms). */
  allowSha1: z.boolean().default(false),
  /** SC-DEPLOY: clock skew at most one minute. */
  clockSkewSeconds: z.number().int().min(0).max(60).default(60),
  /** How long an AuthnRequest may be answered. */
  requestTtlSeconds: z.number().int().min(60).max(3600).default(600),
  /** Preselect the Inera IdP on the discovery page (SITHS staff). */
  preferIneraForSiths: z.boolean().default(true),
  ineraEntityIds: z
    .array(z.string())
    .default(['https://idp.inera.se:443/saml', 'https://idp.ineratest.org:443/saml']),
  simulator: simulatorSchema.prefault({}),
});

export type SamlConfig = z.infer<typeof samlConfigSchema>;
export type SamlSpConfig = SamlConfig['sp'];
