import type { SideSummary } from './rounds.ts';

export interface ComparisonRow {
  measure: string;
  baselineLabel: string;
  baseline: Pick<SideSummary, 'perSecond' | 'failed' | 'cpuMicrosPerOperation'>;
  brygga: Pick<SideSummary, 'perSecond' | 'failed' | 'cpuMicrosPerOperation'>;
  /** Minimum Brygga/baseline rate the issue asks for, when it sets one. */
  goal?: number;
}

const header = [
  'measure',
  'baseline',
  'baseline/s',
  'Brygga/s',
  'ratio',
  'goal',
  'CPU us/op base',
  'CPU us/op Brygga',
];

/** The results table, the ratios and one line per goal saying whether it is met. */
export function printReport(rows: ComparisonRow[]): void {
  const lines = rows.map((row) => {
    const ratio = row.brygga.perSecond / row.baseline.perSecond;
    return [
      row.measure,
      row.baselineLabel,
      rate(row.baseline),
      rate(row.brygga),
      ratio.toFixed(2),
      row.goal === undefined ? '-' : `>= ${row.goal.toFixed(2)}`,
      micros(row.baseline.cpuMicrosPerOperation),
      micros(row.brygga.cpuMicrosPerOperation),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  console.log();
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const line of lines) console.log(format(line));
  console.log();
  for (const row of rows) {
    if (row.goal === undefined) continue;
    const ratio = row.brygga.perSecond / row.baseline.perSecond;
    console.log(
      `Goal ${ratio >= row.goal ? 'MET' : 'NOT MET'}: ${row.measure}: Brygga ` +
        `${ratio.toFixed(2)}x ${row.baselineLabel} (goal >= ${row.goal.toFixed(2)}x)` +
        cpuRatio(row),
    );
  }
}

/** Requests per CPU second, Brygga over baseline: steadier than rates on a busy machine. */
function cpuRatio(row: ComparisonRow): string {
  const { baseline, brygga } = row;
  if (!baseline.cpuMicrosPerOperation || !brygga.cpuMicrosPerOperation) return '';
  const ratio = baseline.cpuMicrosPerOperation / brygga.cpuMicrosPerOperation;
  return `; per server CPU second: ${ratio.toFixed(2)}x`;
}

function rate(side: ComparisonRow['baseline']): string {
  return `${side.perSecond.toFixed(0)}${side.failed > 0 ? ` (${side.failed} failed)` : ''}`;
}

function micros(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(0);
}
