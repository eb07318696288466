/**
 * Public surface of the SAML response validation core. The ACS and the CLI import from
 * here only: `validateSamlResponse(input, policy)` answers accept (with the mapped
 * identity) or reject (with a stable rule name).
 */
export { validateSamlResponse } from './validate-response.ts';
export { MemoryReplayCache, StoreReplayCache } from './replay-cache.ts';
export { failureCodeFor } from './failure-code.ts';
export { registerSamlifySchemaValidator } from '../xml/schema-validator.ts';
export { inflateRedirectMessage, decodePostMessage } from '../xml/decode-message.ts';
export { defaultXmlLimits } from '../xml/limits.ts';
export type {
  PendingAuthnRequest,
  ReplayCache,
  SamlResponseInput,
  SamlRule,
  SamlStatus,
  SamlValidationPolicy,
  SamlValidationResult,
  TrustedIdp,
  ValidatedAssertion,
  ValidateSamlResponse,
} from './types.ts';
