import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import type { BenchClient } from './client-assertion.ts';

export type ServerKind = 'brygga' | 'bare';

export interface ServerProcess {
  kind: ServerKind;
  issuer: string;
  store: string;
  /** Keep-alive connections to the server, shared by every scenario. */
  pool: Pool;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./serve.ts', import.meta.url));

/**
 * Starts one server in its own Node process on 127.0.0.1. Brygga logs at its default
 * level (info), as in production; the lines go to /dev/null so the terminal stays readable.
 */
export async function startServerProcess(
  kind: ServerKind,
  client: BenchClient,
): Promise<ServerProcess> {
  const child = fork(entry, [kind], {
    execArgv: ['--import', 'tsx', ...profiling(kind)],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_CLIENT: JSON.stringify({ ...client, privateKey: undefined }),
      TEST_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
  });
  const ready = await new Promise<{ issuer: string; store: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { issuer: string; store: string }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  const pool = new Pool(ready.issuer, { connections: 64 });

  return {
    kind,
    ...ready,
    pool,
    async stop() {
      await pool.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}

/** Where BENCH_PROFILE=brygga (or bare) writes that server's V8 CPU profile. */
export const profileFolder = join(tmpdir(), 'brygga-bench-profiles');

function profiling(kind: ServerKind): string[] {
  return process.env.BENCH_PROFILE === kind
    ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`]
    : [];
}
