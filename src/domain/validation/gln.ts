import type { Validation } from './result.ts';
import { invalid, valid } from './result.ts';

/**
 * Global Location Number (GS1 GLN), 13 digits; E-hälsomyndigheten identifies pharmacies
 * by it. The last digit is the GS1 mod-10 check digit: weights 3 and 1 alternate from the
 * right, starting with 3 next to the check digit.
 */
export function validateGln(input: string): Validation {
  const value = input.trim();
  if (!/^\d{13}$/.test(value)) return invalid('a GLN has exactly 13 digits');
  if (gs1CheckDigit(value.slice(0, 12)) !== value[12])
    return invalid('the GLN check digit is wrong');
  return valid(value);
}

export function gs1CheckDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const fromRight = payload.length - 1 - i;
    sum += Number(payload[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}
