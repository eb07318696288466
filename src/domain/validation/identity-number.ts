import { luhnValid } from './luhn.ts';
import type { Validation } from './result.ts';
import { invalid, valid } from './result.ts';

export type IdentityNumberKind = 'personal' | 'coordination';

export interface IdentityNumber {
  kind: IdentityNumberKind;
  /** 12 digits YYYYMMDDNNNN, no separator: the form OIDC Sweden claims carry. */
  value: string;
  /** YYYY-MM-DD; for a coordination number the day with 60 taken off. */
  birthdate: string;
}

/** Samordningsnummer (SKV 707): the day of birth plus 60. */
const coordinationDayOffset = 60;

/**
 * Parses a personnummer (SKV 704) or samordningsnummer (SKV 707). Accepts 12 digits with
 * or without a separator (YYYYMMDD-NNNN) and the 10-digit forms YYMMDD-NNNN (under 100
 * years old at `now`) and YYMMDD+NNNN (100 or older). The Luhn check covers the last 10
 * digits; a date that cannot exist or lies after `now` is rejected.
 */
export function parseIdentityNumber(input: string, now = new Date()): Validation<IdentityNumber> {
  const trimmed = input.trim();
  const long = /^(\d{8})[-+]?(\d{4})$/.exec(trimmed);
  const short = /^(\d{6})([-+]?)(\d{4})$/.exec(trimmed);

  let digits: string;
  if (long) digits = `${long[1]}${long[2]}`;
  else if (short)
    digits = `${century(short[1] ?? '', short[2] === '+', now)}${short[1]}${short[3]}`;
  else return invalid('an identity number is YYYYMMDD-NNNN (12 digits)');

  if (!luhnValid(digits.slice(2))) return invalid('the identity number check digit is wrong');

  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  let day = Number(digits.slice(6, 8));
  const kind: IdentityNumberKind = day > coordinationDayOffset ? 'coordination' : 'personal';
  if (kind === 'coordination') day -= coordinationDayOffset;

  if (!dateExists(year, month, day)) return invalid('the identity number has an impossible date');
  const birthdate = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${String(day).padStart(2, '0')}`;
  if (birthdate > now.toISOString().slice(0, 10)) {
    return invalid('the identity number has a date in the future');
  }
  return valid({ kind, value: digits, birthdate });
}

/** Only a personnummer; a samordningsnummer is rejected. */
export function validatePersonalIdentityNumber(input: string, now?: Date): Validation {
  return ofKind(parseIdentityNumber(input, now), 'personal', 'this is not a personnummer');
}

/** Only a samordningsnummer; a personnummer is rejected. */
export function validateCoordinationNumber(input: string, now?: Date): Validation {
  return ofKind(parseIdentityNumber(input, now), 'coordination', 'this is not a samordningsnummer');
}

function ofKind(
  parsed: Validation<IdentityNumber>,
  kind: IdentityNumberKind,
  reason: string,
): Validation {
  if (!parsed.ok) return parsed;
  return parsed.value.kind === kind ? valid(parsed.value.value) : invalid(reason);
}

/** SKV 704: `-` means under 100 years old, `+` means 100 or older. */
function century(yymmdd: string, hundredOrOlder: boolean, now: Date): string {
  const yy = Number(yymmdd.slice(0, 2));
  const thisYear = now.getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + yy;
  if (year > thisYear) year -= 100;
  if (hundredOrOlder) year -= 100;
  return String(Math.floor(year / 100));
}

function dateExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
