/** A fictitious person whose BankID lives on the simulated phone. */
export interface TestPerson {
  /** 12 digits with a valid Luhn check digit (SKV 704); fictitious. */
  personalNumber: string;
  givenName: string;
  surname: string;
  /** Risk BankID reports for this person's orders (`completionData.risk`). */
  risk?: 'low' | 'moderate' | 'high';
  /** `completionData.device.ipAddress`; defaults to the order's endUserIp. */
  deviceIp?: string;
  /** A blocked or revoked BankID: approving ends in failed/certificateErr. */
  certificateBlocked?: boolean;
  /** YYYY-MM-DD */
  bankIdIssueDate?: string;
}

/** Fictitious people used when the configuration names none. */
export const defaultTestPeople: TestPerson[] = [
  { personalNumber: '199001012385', givenName: 'Astrid', surname: 'Testsson' },
  { personalNumber: '198512309876', givenName: 'Bertil', surname: 'Provare', risk: 'moderate' },
  { personalNumber: '197806154329', givenName: 'Cecilia', surname: 'Exempel', risk: 'high' },
  {
    personalNumber: '199203045670',
    givenName: 'David',
    surname: 'Spärrad',
    certificateBlocked: true,
  },
];

/** Luhn check over the last ten digits of a 12-digit personal number (SKV 704). */
export function hasValidCheckDigit(personalNumber: string): boolean {
  if (!/^\d{12}$/.test(personalNumber)) return false;
  const digits = personalNumber.slice(2);
  let sum = 0;
  for (let index = 0; index < 10; index += 1) {
    let value = Number(digits[index]);
    if (index % 2 === 0) value *= 2;
    sum += value > 9 ? value - 9 : value;
  }
  return sum % 10 === 0;
}
