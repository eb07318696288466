import type { LoadResult } from './load.ts';

export interface SideSummary {
  /** The best round's rate: interference from other work on the machine only lowers it. */
  perSecond: number;
  failed: number;
  /** The lowest server CPU time per operation among the rounds, when it could be read. */
  cpuMicrosPerOperation?: number;
  roundRates: number[];
}

export interface RoundsComparison {
  baseline: SideSummary;
  brygga: SideSummary;
}

/**
 * Alternates baseline and Brygga round by round, so a busy moment on the machine falls on
 * both, and prints each round's rates as they come.
 */
export async function compareInRounds(
  label: string,
  rounds: number,
  baseline: () => Promise<LoadResult>,
  brygga: () => Promise<LoadResult>,
): Promise<RoundsComparison> {
  const results: { baseline: LoadResult[]; brygga: LoadResult[] } = { baseline: [], brygga: [] };
  process.stdout.write(`${label}:`);
  for (let round = 0; round < rounds; round += 1) {
    results.baseline.push(await baseline());
    results.brygga.push(await brygga());
    process.stdout.write(` [${rate(results.baseline.at(-1))} vs ${rate(results.brygga.at(-1))}]`);
  }
  process.stdout.write('\n');
  for (const result of [...results.baseline, ...results.brygga]) {
    if (result.firstFailure) console.log(`  failures, first: ${result.firstFailure}`);
  }
  return { baseline: summarise(results.baseline), brygga: summarise(results.brygga) };
}

function summarise(results: LoadResult[]): SideSummary {
  const cpu = results
    .map((result) => result.serverCpuMicrosPerOperation)
    .filter((micros): micros is number => micros !== undefined);
  return {
    perSecond: Math.max(...results.map((result) => result.perSecond)),
    failed: results.reduce((sum, result) => sum + result.failed, 0),
    ...(cpu.length > 0 && { cpuMicrosPerOperation: Math.min(...cpu) }),
    roundRates: results.map((result) => result.perSecond),
  };
}

function rate(result: LoadResult | undefined): string {
  return result ? `${result.perSecond.toFixed(0)}/s` : '-';
}
