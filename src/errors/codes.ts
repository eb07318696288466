/**
 * Every error code Brygga uses, with its HTTP status, the OAuth 2.0 error it becomes at
 * the authorization endpoint (RFC 6749 4.1.2.1, OIDC Core 3.1.2.6), and whether its
 * message is safe to show.
 */
export const errorCatalogue = {
  invalid_config: {
    status: 500,
    oauth: 'server_error',
    expose: false,
    description: 'Invalid configuration',
  },
  database_unavailable: {
    status: 503,
    oauth: 'temporarily_unavailable',
    expose: true,
    description: 'The database is unavailable',
  },
  duplicate_key: {
    status: 409,
    oauth: 'server_error',
    expose: false,
    description: 'A record with the same key exists',
  },
  not_found: { status: 404, oauth: 'server_error', expose: true, description: 'Not found' },
  conflict: {
    status: 409,
    oauth: 'server_error',
    expose: true,
    description: 'The record was changed by someone else',
  },
  bad_request: {
    status: 400,
    oauth: 'invalid_request',
    expose: true,
    description: 'The request is malformed',
  },
  unauthorized: {
    status: 401,
    oauth: 'access_denied',
    expose: true,
    description: 'Authentication required',
  },
  forbidden: { status: 403, oauth: 'access_denied', expose: true, description: 'Not allowed' },
  interaction_expired: {
    status: 400,
    oauth: 'invalid_request',
    expose: true,
    description: 'The login has expired',
  },
  login_cancelled: {
    status: 400,
    oauth: 'access_denied',
    expose: true,
    description: 'The login was cancelled',
  },
  login_failed: {
    status: 400,
    oauth: 'access_denied',
    expose: true,
    description: 'The login failed',
  },
  login_refused: {
    status: 403,
    oauth: 'access_denied',
    expose: true,
    description: 'The login was refused',
  },
  method_not_available: {
    status: 400,
    oauth: 'access_denied',
    expose: true,
    description: 'The login method is not available',
  },
  unmet_authentication_requirements: {
    status: 400,
    oauth: 'unmet_authentication_requirements',
    expose: true,
    description: 'The requested authentication level cannot be met',
  },
  upstream_unavailable: {
    status: 502,
    oauth: 'temporarily_unavailable',
    expose: true,
    description: 'The identity service did not answer',
  },
  upstream_error: {
    status: 502,
    oauth: 'server_error',
    expose: true,
    description: 'The identity service returned an error',
  },
  upstream_rejected: {
    status: 400,
    oauth: 'access_denied',
    expose: true,
    description: 'The identity service refused the request',
  },
  saml_invalid: {
    status: 400,
    oauth: 'access_denied',
    expose: true,
    description: 'The SAML message is not valid',
  },
  certificate_missing: {
    status: 401,
    oauth: 'access_denied',
    expose: true,
    description: 'No client certificate was presented',
  },
  certificate_invalid: {
    status: 401,
    oauth: 'access_denied',
    expose: true,
    description: 'The certificate is not valid',
  },
  /** RFC 6585 3: an update must say which version it read (If-Match). */
  precondition_required: {
    status: 428,
    oauth: 'invalid_request',
    expose: true,
    description: 'Send If-Match with the ETag of the version you read',
  },
  /** RFC 9110 13.1.1: the record changed since the version in If-Match. */
  precondition_failed: {
    status: 412,
    oauth: 'invalid_request',
    expose: true,
    description: 'The record was changed by someone else; read it again',
  },
  internal: { status: 500, oauth: 'server_error', expose: false, description: 'Internal error' },
} as const satisfies Record<string, ErrorEntry>;

interface ErrorEntry {
  status: number;
  oauth: string;
  expose: boolean;
  description: string;
}

export type ErrorCode = keyof typeof errorCatalogue;

export function oauthErrorFor(code: ErrorCode): string {
  return errorCatalogue[code].oauth;
}
