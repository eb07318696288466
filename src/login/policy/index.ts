/** The login policy's public surface, for the interaction routes. */
export { createLoginPolicy } from './login-policy.ts';
export type { LoginPolicy } from './login-policy.ts';
export { renderChoicePage } from './choice-page.ts';
export type { ChoicePageInput } from './choice-page.ts';
export { isLicensedMethod } from './steps/method-allowed.ts';
export { refusalRules } from './types.ts';
export type {
  ClaimsParameter,
  LoginOption,
  LoginOutcome,
  LoginRequest,
  RefusalRule,
} from './types.ts';
export { refusalText, refusalTexts } from './refusal-texts.ts';
