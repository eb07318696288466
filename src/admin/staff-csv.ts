import { parse } from 'csv-parse/sync';
import { BryggaError } from '../errors/brygga-error.ts';

/** Columns of a staff CSV file; one row per person and commission. */
export const staffCsvColumns = [
  'personalIdentityNumber',
  'coordinationNumber',
  'givenName',
  'familyName',
  'employeeHsaId',
  'personalPrescriptionCode',
  'groupPrescriptionCodes',
  'healthcareProfessionalLicenses',
  'licenseIdentityNumber',
  'paTitleCodes',
  'systemRoles',
  'commissionHsaId',
  'commissionName',
  'commissionPurpose',
  'careUnitHsaId',
  'careUnitName',
] as const;
export type StaffCsvColumn = (typeof staffCsvColumns)[number];

export interface StaffCsvRow {
  /** Line in the file (1 is the header). */
  line: number;
  values: Partial<Record<StaffCsvColumn, string>>;
}

/** Code lists sit in one cell, separated by `|` (both `,` and `;` delimit cells). */
export const listSeparator = '|';

/**
 * Reads a staff CSV (RFC 4180; `,` or `;` as delimiter, as Excel writes either, UTF-8
 * with or without BOM). The header must name known columns; a broken file is refused
 * whole with the parser's line number.
 */
export function parseStaffCsv(text: string): StaffCsvRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map(checkColumn),
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';'],
      bom: true,
      info: true,
    });
  } catch (cause) {
    if (cause instanceof BryggaError) throw cause;
    throw new BryggaError('bad_request', `file: ${(cause as Error).message}`, { cause });
  }
  return records.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
  }));
}

function checkColumn(name: string): string {
  const column = name.trim();
  if (!(staffCsvColumns as readonly string[]).includes(column)) {
    throw new BryggaError(
      'bad_request',
      `header: unknown column "${column}"; known: ${staffCsvColumns.join(', ')}`,
    );
  }
  return column;
}

/** The CSV column an error path of the domain's staff schema points at. */
export function columnOf(path: string): string {
  const commission = /^engagements\.\d+\.commissions\.\d+\.(\w+)/.exec(path)?.[1];
  if (commission) {
    const renamed: Record<string, string> = {
      name: 'commissionName',
      purpose: 'commissionPurpose',
    };
    return renamed[commission] ?? commission;
  }
  const engagement = /^engagements\.\d+\.(\w+)/.exec(path)?.[1];
  if (engagement) return engagement;
  if (path === 'engagements') return 'employeeHsaId';
  return path.split('.')[0] ?? path;
}
