import type { Domain } from '../domain/domain.ts';
import type { StaffMember, StaffMemberInput } from '../domain/model/staff-member.ts';
import { staffMemberInputSchema } from '../domain/model/staff-member.ts';
import { isBryggaError } from '../errors/brygga-error.ts';
import type { StaffCsvRow } from './staff-csv.ts';
import { columnOf } from './staff-csv.ts';
import { groupRows, personInput } from './staff-import-rows.ts';
import { findExisting, inputOf } from './staff-service.ts';

export interface ImportedPerson {
  lines: number[];
  action: 'created' | 'engagement added' | 'engagement replaced';
  /** Absent in a dry run for a person not yet registered. */
  personId?: string;
}

export interface RejectedRow {
  line: number;
  field: string;
  reason: string;
}

export interface StaffImportReport {
  dryRun: boolean;
  accepted: ImportedPerson[];
  rejected: RejectedRow[];
}

/**
 * Imports staff of one care provider: each person's rows become one engagement there
 * (with a commission per row). A person already registered keeps their record and gets
 * this engagement added, or replaced when they had one here, so a re-import is safe.
 * A dry run checks everything with the domain's schema and the stored data, writing nothing.
 */
export async function importStaff(
  domain: Domain,
  options: { careProviderId: string; rows: StaffCsvRow[]; dryRun: boolean; actor: string },
): Promise<StaffImportReport> {
  await domain.careProviders.get(options.careProviderId);
  const report: StaffImportReport = { dryRun: options.dryRun, accepted: [], rejected: [] };
  const { groups, rejected } = groupRows(options.rows);
  report.rejected.push(...rejected);
  const claimedHsaIds = new Map<string, number>();

  for (const group of groups) {
    const lines = group.map((row) => row.line);
    const input = personInput(group, options.careProviderId);
    const problems = schemaProblems(input, group);
    if (problems.length > 0) {
      report.rejected.push(...problems, ...sameGroup(lines, problems));
      continue;
    }
    try {
      const existing = await findExisting(domain, input);
      const hsaProblem = await hsaIdTaken(domain, input, existing, claimedHsaIds, lines[0]!);
      if (hsaProblem) {
        report.rejected.push(hsaProblem, ...sameGroup(lines, [hsaProblem]));
        continue;
      }
      report.accepted.push(await write(domain, input, existing, lines, options));
    } catch (error) {
      if (!isBryggaError(error) || error.status >= 500) throw error;
      const named = /^([\w.]+): (.+)$/s.exec(error.message);
      const problem = {
        line: lines[0]!,
        field: named ? columnOf(named[1]!) : 'row',
        reason: named ? named[2]! : error.message,
      };
      report.rejected.push(problem, ...sameGroup(lines, [problem]));
    }
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

async function write(
  domain: Domain,
  input: StaffMemberInput,
  existing: StaffMember | null,
  lines: number[],
  options: { careProviderId: string; dryRun: boolean; actor: string },
): Promise<ImportedPerson> {
  if (!existing) {
    if (options.dryRun) return { lines, action: 'created' };
    const staff = await domain.staff.create(input, options.actor);
    return { lines, action: 'created', personId: staff.personId };
  }

  const here = existing.engagements.some((e) => e.careProviderId === options.careProviderId);
  const others = existing.engagements.filter((e) => e.careProviderId !== options.careProviderId);
  const merged = { ...inputOf(existing), engagements: [...(input.engagements ?? []), ...others] };
  const action = here ? 'engagement replaced' : 'engagement added';
  if (options.dryRun) {
    staffMemberInputSchema.parse(merged);
  } else {
    await domain.staff.update(existing.personId, existing.version, merged, options.actor);
  }
  return { lines, action, personId: existing.personId };
}

/** Every issue of the domain's schema, pointed at the row and column it came from. */
function schemaProblems(input: StaffMemberInput, group: StaffCsvRow[]): RejectedRow[] {
  const result = staffMemberInputSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const commission = /^engagements\.0\.commissions\.(\d+)\./.exec(path)?.[1];
    const row = commissionRows(group)[Number(commission)] ?? group[0]!;
    return { line: row.line, field: columnOf(path), reason: issue.message };
  });
}

function commissionRows(group: StaffCsvRow[]): StaffCsvRow[] {
  return group.filter((row) =>
    Object.keys(row.values).some((c) => /^commission|^careUnit/.test(c)),
  );
}

/** An employee HSA-ID held by someone else, or given to two people in this file. */
async function hsaIdTaken(
  domain: Domain,
  input: StaffMemberInput,
  existing: StaffMember | null,
  claimed: Map<string, number>,
  line: number,
): Promise<RejectedRow | undefined> {
  const hsaId = input.engagements?.[0]?.employeeHsaId?.toUpperCase();
  if (!hsaId) return undefined;
  const earlier = claimed.get(hsaId);
  if (earlier !== undefined) {
    return { line, field: 'employeeHsaId', reason: `also given on line ${earlier}` };
  }
  claimed.set(hsaId, line);
  const holder = await domain.staff.findByEmployeeHsaId(hsaId);
  if (holder && holder.personId !== existing?.personId) {
    return { line, field: 'employeeHsaId', reason: 'already registered for another person' };
  }
  return undefined;
}

function sameGroup(lines: number[], problems: RejectedRow[]): RejectedRow[] {
  const reported = new Set(problems.map((problem) => problem.line));
  const first = problems[0]?.line;
  return lines
    .filter((line) => !reported.has(line))
    .map((line) => ({ line, field: 'row', reason: `same person as line ${first}, rejected` }));
}
