import { cpus } from 'node:os';
import { benchmarkSaml } from './saml.ts';
import { createBenchClient } from './client-assertion.ts';
import { printReport } from './report.ts';
import type { ComparisonRow } from './report.ts';
import { compareInRounds } from './rounds.ts';
import { discovery, fullLogins, tokenEndpoint } from './scenarios.ts';
import type { ScenarioOptions } from './scenarios.ts';
import { startServerProcess } from './server-process.ts';

/**
 * `npm run bench`: Brygga against a bare oidc-provider in one run on this machine, each
 * server in its own process, the load generated here, the two measured in alternating
 * rounds. Benchmarks never fail the build: the exit code is 0 whatever the figures; the
 * goals are printed as met or not. BENCH_ONLY=login,token,discovery,saml picks a subset.
 */
const scenarios = {
  login: { rounds: 2, concurrency: 10, durationMs: 6_000, warmupMs: 1_000 },
  token: { rounds: 4, concurrency: 50, durationMs: 4_000, warmupMs: 1_000 },
  discovery: { rounds: 2, concurrency: 50, durationMs: 3_000, warmupMs: 500 },
} satisfies Record<string, ScenarioOptions & { rounds: number }>;

const client = createBenchClient();
const bare = await startServerProcess('bare', client);
const brygga = await startServerProcess('brygga', client);
const cpu = cpus();
console.log(
  `Machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), Node ${process.version}`,
);
console.log(`Brygga store: ${brygga.store}`);
console.log(`Baseline: bare oidc-provider, ${bare.store}`);
console.log('Each figure is the best of the rounds shown as [bare vs Brygga].\n');

const rows: ComparisonRow[] = [];
try {
  if (selected('login')) {
    const { rounds, ...options } = scenarios.login;
    const result = await compareInRounds(
      `full login, code + PKCE, c=${options.concurrency}`,
      rounds,
      () => fullLogins(bare, client, options),
      () => fullLogins(brygga, client, options),
    );
    rows.push({ measure: 'full logins', baselineLabel: 'bare oidc-provider', ...result });
  }
  if (selected('token')) {
    const { rounds, ...options } = scenarios.token;
    const result = await compareInRounds(
      `token endpoint, client_credentials + private_key_jwt, c=${options.concurrency}`,
      rounds,
      () => tokenEndpoint(bare, client, options),
      () => tokenEndpoint(brygga, client, options),
    );
    rows.push({
      measure: 'token requests',
      baselineLabel: 'bare oidc-provider',
      ...result,
      goal: 0.9,
    });
  }
  if (selected('discovery')) {
    const { rounds, ...options } = scenarios.discovery;
    const result = await compareInRounds(
      `discovery, c=${options.concurrency}`,
      rounds,
      () => discovery(bare, options),
      () => discovery(brygga, options),
    );
    rows.push({ measure: 'discovery requests', baselineLabel: 'bare oidc-provider', ...result });
  }
} finally {
  await Promise.all([bare.stop(), brygga.stop()]);
}

if (selected('saml')) {
  process.stdout.write('SAML Responses, signed + AES-256-GCM encrypted, sequential: ');
  const saml = await benchmarkSaml();
  console.log(`${saml.messages} each`);
  rows.push({
    measure: 'SAML Responses',
    baselineLabel: 'samlify bare parse',
    baseline: { perSecond: saml.samlifyPerSecond, failed: 0 },
    brygga: { perSecond: saml.bryggaPerSecond, failed: 0 },
    goal: 0.7,
  });
}

printReport(rows);

function selected(scenario: string): boolean {
  const only = process.env.BENCH_ONLY;
  return !only || only.split(',').includes(scenario);
}
