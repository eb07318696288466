import { cpus } from 'node:os';
import { benchmarkSaml } from './saml.ts';
import { createBenchClient } from './client-assertion.ts';
import type { LoadResult } from './load.ts';
import { printReport } from './report.ts';
import type { ComparisonRow } from './report.ts';
import { discovery, fullLogins, tokenEndpoint } from './scenarios.ts';
import type { ScenarioOptions } from './scenarios.ts';
import { startServerProcess } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

/**
 * `npm run bench`: Brygga against a bare oidc-provider in one run on this machine, each
 * server in its own process, the load generated here. Benchmarks never fail the build:
 * the exit code is 0 whatever the figures; the goals are printed as met or not.
 */
const logins: ScenarioOptions = { concurrency: 10, durationMs: 10_000, warmupMs: 2_000 };
const tokens: ScenarioOptions = { concurrency: 50, durationMs: 8_000, warmupMs: 2_000 };
const discoveries: ScenarioOptions = { concurrency: 50, durationMs: 5_000, warmupMs: 1_000 };

const client = createBenchClient();
const bare = await startServerProcess('bare', client);
const brygga = await startServerProcess('brygga', client);
console.log(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
);
console.log(`Brygga store: ${brygga.store}; baseline: bare oidc-provider, ${bare.store}`);

try {
  const rows: ComparisonRow[] = [];
  const pair = async (
    measure: string,
    unit: string,
    goal: number | undefined,
    run: (server: ServerProcess) => Promise<LoadResult>,
  ) => {
    const baseline = await measured(`${measure}, bare`, () => run(bare));
    const ours = await measured(`${measure}, Brygga`, () => run(brygga));
    rows.push({
      measure,
      unit,
      baseline: { label: 'bare oidc-provider', ...baseline },
      brygga: ours,
      ...(goal !== undefined && { goal }),
    });
  };

  if (selected('login'))
    await pair('full login', 'code+PKCE, c=10', undefined, (server) =>
      fullLogins(server, client, logins),
    );
  if (selected('token'))
    await pair('token endpoint', 'client_credentials, c=50', 0.9, (server) =>
      tokenEndpoint(server, client, tokens),
    );
  if (selected('discovery'))
    await pair('discovery', 'c=50', undefined, (server) => discovery(server, discoveries));

  const saml = selected('saml') ? await samlFigures() : undefined;
  if (saml)
    rows.push({
      measure: 'SAML Response',
      unit: 'signed + encrypted',
      baseline: { label: 'samlify bare parse', perSecond: saml.samlifyPerSecond, failed: 0 },
      brygga: { perSecond: saml.bryggaPerSecond, failed: 0 },
      goal: 0.7,
    });

  printReport(rows);
} finally {
  await Promise.all([bare.stop(), brygga.stop()]);
}

/** BENCH_ONLY=token,discovery runs a subset (e.g. while profiling); default: everything. */
function selected(scenario: string): boolean {
  const only = process.env.BENCH_ONLY;
  return !only || only.split(',').includes(scenario);
}

async function samlFigures() {
  process.stdout.write('SAML responses (sequential) ... ');
  const saml = await benchmarkSaml();
  console.log('done');
  return saml;
}

async function measured(label: string, run: () => Promise<LoadResult>) {
  process.stdout.write(`${label} ... `);
  const result = await run();
  console.log(
    `${result.perSecond.toFixed(0)}/s (${result.completed} in ${result.seconds.toFixed(1)} s` +
      `${result.failed ? `, ${result.failed} failed: ${result.firstFailure}` : ''})`,
  );
  return { perSecond: result.perSecond, failed: result.failed };
}
