import { luhnValid } from './luhn.ts';
import type { Validation } from './result.ts';
import { invalid, valid } from './result.ts';

export interface OrgNumberOptions {
  /**
   * A sole trader (enskild näringsidkare, e.g. a private prescriber) uses their
   * personnummer's last ten digits as organisation number; then the "third digit ≥ 2"
   * rule for legal entities does not apply.
   */
  allowSoleTrader?: boolean;
}

/**
 * Organisationsnummer (SKV 709): 10 digits, optionally written NNNNNN-NNNN, Luhn check
 * digit last. For legal entities the third digit is at least 2 (it can never be read as a
 * month), which is what sets them apart from personnummer.
 */
export function validateOrgNumber(input: string, options: OrgNumberOptions = {}): Validation {
  const value = input.trim().replace(/^(\d{6})-(\d{4})$/, '$1$2');
  if (!/^\d{10}$/.test(value)) return invalid('an organisation number has 10 digits');
  if (!luhnValid(value)) return invalid('the organisation number check digit is wrong');
  if (Number(value[2]) < 2 && !options.allowSoleTrader) {
    return invalid('the third digit of a legal entity organisation number is at least 2');
  }
  return valid(value);
}
