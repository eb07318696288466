import type { StaffMemberInput } from '../domain/model/staff-member.ts';
import type { StaffCsvColumn, StaffCsvRow } from './staff-csv.ts';
import { listSeparator } from './staff-csv.ts';
import type { RejectedRow } from './staff-import.ts';
import { normalisedIdentityNumber } from './staff-service.ts';

/** Person-level columns: every row of one person must agree on them. */
const personColumns: StaffCsvColumn[] = [
  'givenName',
  'familyName',
  'employeeHsaId',
  'personalPrescriptionCode',
  'groupPrescriptionCodes',
  'healthcareProfessionalLicenses',
  'licenseIdentityNumber',
  'paTitleCodes',
  'systemRoles',
];

/**
 * Rows of the same person (by identity number, else employee HSA-ID) in file order. A row
 * naming neither, or disagreeing with the person's first row, is rejected.
 */
export function groupRows(rows: StaffCsvRow[]): {
  groups: StaffCsvRow[][];
  rejected: RejectedRow[];
} {
  const groups = new Map<string, StaffCsvRow[]>();
  const rejected: RejectedRow[] = [];
  for (const row of rows) {
    const key = personKey(row);
    if (!key) {
      rejected.push({
        line: row.line,
        field: 'personalIdentityNumber',
        reason: 'an identity number or an employee HSA-ID is required',
      });
      continue;
    }
    const group = groups.get(key);
    const differing = group && personColumns.find((c) => group[0]!.values[c] !== row.values[c]);
    if (group && differing) {
      rejected.push({
        line: row.line,
        field: differing,
        reason: `differs from line ${group[0]!.line} for the same person`,
      });
      continue;
    }
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return { groups: [...groups.values()], rejected };
}

function personKey(row: StaffCsvRow): string | undefined {
  const identityNumber = row.values.personalIdentityNumber ?? row.values.coordinationNumber;
  if (identityNumber) return `id:${normalisedIdentityNumber(identityNumber) ?? identityNumber}`;
  const hsaId = row.values.employeeHsaId?.toUpperCase();
  return hsaId ? `hsa:${hsaId}` : undefined;
}

/** One person with one engagement at the care provider, a commission per commission row. */
export function personInput(group: StaffCsvRow[], careProviderId: string): StaffMemberInput {
  const first = group[0]!.values;
  const commissions = group
    .map((row) => row.values)
    .filter((v) => v.commissionHsaId ?? v.commissionName ?? v.commissionPurpose ?? v.careUnitHsaId)
    .map((v) => ({
      commissionHsaId: v.commissionHsaId as string,
      name: v.commissionName as string,
      purpose: v.commissionPurpose as string,
      careUnitHsaId: v.careUnitHsaId,
      careUnitName: v.careUnitName,
    }));
  return {
    personalIdentityNumber: first.personalIdentityNumber,
    coordinationNumber: first.coordinationNumber,
    givenName: first.givenName as string,
    familyName: first.familyName as string,
    engagements: [
      {
        careProviderId,
        employeeHsaId: first.employeeHsaId,
        personalPrescriptionCode: first.personalPrescriptionCode,
        licenseIdentityNumber: first.licenseIdentityNumber,
        groupPrescriptionCodes: list(first.groupPrescriptionCodes),
        healthcareProfessionalLicenses: list(first.healthcareProfessionalLicenses),
        paTitleCodes: list(first.paTitleCodes),
        systemRoles: list(first.systemRoles),
        commissions,
      },
    ],
  };
}

function list(cell: string | undefined): string[] {
  return cell
    ? cell
        .split(listSeparator)
        .map((code) => code.trim())
        .filter(Boolean)
    : [];
}
