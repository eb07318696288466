import { BryggaError } from '../../errors/brygga-error.ts';
import type { ValidateSamlResponse } from '../validation/index.ts';

/**
 * The validation core's `validateSamlResponse`, loaded on first use.
 * TODO(saml-validation): import it statically once src/saml/validation exports it.
 */
export const defaultValidateResponse: ValidateSamlResponse = async (input, policy) => {
  const validation = (await import('../validation/index.ts')) as {
    validateSamlResponse?: ValidateSamlResponse;
  };
  if (!validation.validateSamlResponse) {
    throw new BryggaError('internal', 'SAML response validation is not available');
  }
  return validation.validateSamlResponse(input, policy);
};
