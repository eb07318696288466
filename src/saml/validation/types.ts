import type { AuthenticatedIdentity } from '../../login/authenticated-identity.ts';

/**
 * The contract between the SAML response validation core and its callers (the SP's
 * Assertion Consumer Service and the operator CLI). One function, `validateSamlResponse`,
 * takes the message as received and this policy, and answers accept or reject.
 */

/** The message as it reached us. */
export type SamlResponseInput =
  /** HTTP-POST binding: the base64 value of the `SAMLResponse` form field (SAML bindings 3.5). */
  | { binding: 'post'; samlResponse: string }
  /** HTTP-Redirect binding: the base64 DEFLATE value of the query parameter (bindings 3.4.4.1). */
  | { binding: 'redirect'; samlResponse: string }
  /** Raw XML as read from a file (CLI, tests). Base64 is detected and decoded. */
  | { binding: 'file'; content: string | Uint8Array };

/** An IdP we trust by local configuration or verified federation metadata. */
export interface TrustedIdp {
  entityId: string;
  /** PEM or bare base64 certificates from metadata / configuration. KeyInfo is never used. */
  signingCertificates: string[];
  /** `amr` values for logins through this IdP, e.g. ['siths']. Default: ['saml']. */
  amr?: string[];
}

/** The AuthnRequest we sent, as the SP stored it. */
export interface PendingAuthnRequest {
  id: string;
  /** The IdP the request was sent to: a response from any other issuer is foreign. */
  idpEntityId: string;
  issuedAt?: Date;
}

/**
 * Assertion-id replay cache (SAML profiles 4.1.4.5). `remember` returns true when the key
 * was not seen before (or its earlier entry expired before `now`) and is now stored until
 * `expiresAt`; false for a replay. Implementations: replay-cache.ts.
 */
export interface ReplayCache {
  remember(key: string, expiresAt: Date, now: Date): Promise<boolean>;
}

export interface SamlValidationPolicy {
  /** Our SP entityID; every AudienceRestriction must name it. */
  audience: string;
  /** Our ACS URL: bearer SubjectConfirmationData Recipient must equal it. */
  recipient: string;
  /** Expected Response Destination; defaults to `recipient`. */
  destination?: string;
  idp: TrustedIdp;
  /** PEM private keys to decrypt EncryptedAssertion (several during rollover). */
  decryptionKeys?: string[];
  /** Default true: the Response element must carry a valid signature. */
  requireSignedResponse?: boolean;
  /** Default false: the Assertion itself must carry a valid signature. */
  requireSignedAssertion?: boolean;
  /** Default false: accept rsa-sha1 / sha1 digests. */
  allowSha1?: boolean;
  /** Default 60 s (SC-DEPLOY: clock skew ≤ 1 min). */
  clockSkewSeconds?: number;
  /** Oldest IssueInstant accepted, default 300 s. */
  maxMessageAgeSeconds?: number;
  /** Acceptable AuthnContextClassRef values (the LoA URIs we requested). */
  allowedAcr: string[];
  /** Default true: the assertion must carry Conditions with an AudienceRestriction. */
  requireConditions?: boolean;
  /** Finds the stored AuthnRequest a response answers; null when unknown. */
  findRequest?: (inResponseTo: string) => Promise<PendingAuthnRequest | null>;
  /** Default false: IdP-initiated (no InResponseTo) responses are refused (SC-DEPLOY). */
  allowUnsolicited?: boolean;
  replayCache: ReplayCache;
  /** Largest message accepted after base64 decoding / inflation; default 512 KiB. */
  maxMessageBytes?: number;
  /** Pinned clock for tests and the CLI. */
  now?: Date;
}

/** Why a response was refused: a stable name per check, for logs, metrics and tests. */
export type SamlRule =
  | 'input_malformed'
  | 'message_too_large'
  | 'xml_forbidden_construct'
  | 'xml_malformed'
  | 'schema_invalid'
  | 'not_a_response'
  | 'comment_in_message'
  | 'status_not_success'
  | 'version_unsupported'
  | 'issuer_mismatch'
  | 'destination_mismatch'
  | 'assertion_count'
  | 'signature_structure'
  | 'signature_algorithm'
  | 'signature_invalid'
  | 'response_unsigned'
  | 'assertion_unsigned'
  | 'assertion_undecryptable'
  | 'in_response_to_unknown'
  | 'in_response_to_foreign'
  | 'unsolicited'
  | 'message_stale'
  | 'subject_invalid'
  | 'subject_confirmation_invalid'
  | 'recipient_mismatch'
  | 'conditions_missing'
  | 'not_yet_valid'
  | 'expired'
  | 'audience_mismatch'
  | 'authn_statement_invalid'
  | 'loa_not_allowed'
  | 'attribute_invalid'
  | 'replay'
  /** A library surprise or our own bug: still a refusal, logged as an error by the caller. */
  | 'internal_error';

/** The IdP's own status, passed through when it was not Success (SAML core 3.2.2.2). */
export interface SamlStatus {
  code: string;
  subCodes: string[];
  message?: string;
}

export interface ValidatedAssertion {
  id: string;
  issuer: string;
  issueInstant: Date;
  nameId: { value: string; format?: string };
  sessionIndex?: string;
  authnInstant: Date;
  acr: string;
  /** AuthenticatingAuthority values (proxy IdPs, SC-DEPLOY). */
  authenticatingAuthorities: string[];
  inResponseTo?: string;
  notOnOrAfter: Date;
  /** Attribute Name → values, read as whole text from the verified element. */
  attributes: Record<string, string[]>;
  /** The internal vocabulary handed to LoginMethodServices.completeLogin. */
  identity: AuthenticatedIdentity;
  responseSigned: boolean;
  assertionSigned: boolean;
  encrypted: boolean;
}

export type SamlValidationResult =
  | { verdict: 'accept'; assertion: ValidatedAssertion; passedChecks: string[] }
  | {
      verdict: 'reject';
      rule: SamlRule;
      /** For logs and the operator: never contains identity values or raw SAML. */
      detail: string;
      status?: SamlStatus;
      /** Checks that passed before the refusal, e.g. ['xml', 'schema', 'response_signature']. */
      passedChecks: string[];
    };

/** The ONE validation entry point, implemented in validate-response.ts. */
export type ValidateSamlResponse = (
  input: SamlResponseInput,
  policy: SamlValidationPolicy,
) => Promise<SamlValidationResult>;
