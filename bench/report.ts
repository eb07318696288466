export interface ComparisonRow {
  measure: string;
  unit: string;
  baseline: { label: string; perSecond: number; failed: number };
  brygga: { perSecond: number; failed: number };
  /** Minimum brygga/baseline ratio the issue asks for, when it sets one. */
  goal?: number;
}

/** The results table, the ratios and one line per goal saying whether it is met. */
export function printReport(rows: ComparisonRow[]): void {
  const header = ['measure', 'baseline', 'baseline/s', 'Brygga/s', 'ratio', 'goal'];
  const lines = rows.map((row) => {
    const ratio = row.brygga.perSecond / row.baseline.perSecond;
    return [
      `${row.measure} (${row.unit})`,
      row.baseline.label,
      rate(row.baseline.perSecond, row.baseline.failed),
      rate(row.brygga.perSecond, row.brygga.failed),
      ratio.toFixed(2),
      row.goal === undefined
        ? '-'
        : `>= ${row.goal.toFixed(2)} ${ratio >= row.goal ? 'met' : 'NOT met'}`,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log();
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log();
  for (const row of rows.filter((candidate) => candidate.goal !== undefined)) {
    const ratio = row.brygga.perSecond / row.baseline.perSecond;
    const met = ratio >= (row.goal ?? 0);
    console.log(
      `Goal ${met ? 'MET' : 'NOT MET'}: ${row.measure}: Brygga ${ratio.toFixed(2)}x ` +
        `${row.baseline.label} (goal >= ${row.goal?.toFixed(2)}x)`,
    );
  }
}

function rate(perSecond: number, failed: number): string {
  return `${perSecond.toFixed(0)}${failed > 0 ? ` (${failed} failed)` : ''}`;
}
