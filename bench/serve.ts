import { startBareProvider } from './bare-provider.ts';
import type { RunningServer } from './bare-provider.ts';
import { startBenchBrygga } from './brygga-server.ts';
import type { BenchClient } from './client-assertion.ts';

/**
 * Child process entry: one server per process, so the load generator in the parent never
 * shares an event loop with the server it measures. Speaks over IPC: reports its issuer,
 * answers `cpu` with the CPU time it has used so far, and ends on `stop`.
 */
const kind = process.argv[2];
const client = JSON.parse(process.env.BENCH_CLIENT ?? '{}') as BenchClient;
if (!process.send) throw new Error('bench/serve.ts runs as a child of bench/run.ts');

let server: RunningServer;
if (kind === 'brygga') server = await startBenchBrygga(client);
else if (kind === 'bare') server = await startBareProvider(client);
else throw new Error(`unknown server kind ${kind}`);

process.send({ type: 'ready', issuer: server.issuer, store: server.store });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system });
  }
  if (message.type === 'stop') void server.stop().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
