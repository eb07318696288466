import { validateOrgNumber } from './org-number.ts';
import type { Validation } from './result.ts';
import { invalid, valid } from './result.ts';

/** Inera: an HSA-ID is at most 31 characters in all (domain.md §3.2). */
const maxLength = 31;

/**
 * HSA-ID: `SE` + the catalogue owner's 10-digit organisation number + `-` + letters A–Z
 * and digits (no å/ä/ö, no @), 31 characters at most (domain.md §3.2). HSA compares
 * case-insensitively, so the value is normalised to upper case.
 */
export function validateHsaId(input: string): Validation {
  const value = input.trim().toUpperCase();
  const match = /^SE(\d{10})-([A-Z0-9]+)$/.exec(value);
  if (!match) return invalid('an HSA-ID looks like SE5591234567-ABC123');
  if (value.length > maxLength) return invalid(`an HSA-ID has at most ${maxLength} characters`);

  const owner = validateOrgNumber(match[1] ?? '');
  if (!owner.ok) return invalid(`the HSA-ID's organisation number is not valid: ${owner.reason}`);
  return valid(value);
}
