/**
 * The Luhn (mod 10) check used by Swedish personal, coordination and organisation
 * numbers (SKV 704, SKV 707, SKV 709): the last digit checks the ones before it.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;

  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const fromRight = digits.length - 1 - i;
    let digit = Number(digits[i]);
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digit that makes `payload` + digit pass the Luhn check. */
export function luhnCheckDigit(payload: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${payload}${digit}`)) return String(digit);
  }
  throw new Error('unreachable: one Luhn check digit always fits');
}
