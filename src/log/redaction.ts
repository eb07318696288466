/**
 * What never reaches a log line. Paths are pino redact paths; the value scrubber
 * catches personal identity numbers that slipped into free text.
 */
export const redactedKeys = [
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'authorizationCode',
  'code_verifier',
  'client_assertion',
  'cookie',
  'set-cookie',
  'authorization',
  'personalNumber',
  'personalIdentityNumber',
  'ssn',
  'givenName',
  'surname',
  'name',
  'given_name',
  'family_name',
  'qrStartSecret',
  'qrStartToken',
  'autoStartToken',
  'signature',
  'ocspResponse',
  'SAMLResponse',
  'SAMLRequest',
  'assertion',
];

/** Pino redact paths: each key at the top level and one or two levels down. */
export const redactPaths = redactedKeys.flatMap((key) => {
  const quoted = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const joiner = quoted.startsWith('[') ? '' : '.';
  return [quoted, `*${joiner}${quoted}`, `*.*${joiner}${quoted}`];
});

// Swedish personal identity and coordination numbers: YYMMDD or YYYYMMDD, optional
// separator, four digits (SKV 704, SKV 707).
const identityNumberPattern = /\b(?:19|20)?\d{6}[-+]?\d{4}\b/g;

export function scrubIdentityNumbers(text: string): string {
  return text.replace(identityNumberPattern, '[identity-number]');
}
