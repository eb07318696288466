import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
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
  /** CPU time (user + system, microseconds) the server process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Where BENCH_PROFILE=brygga (or bare) writes that server's V8 CPU profile. */
export const profileFolder = join(tmpdir(), 'brygga-bench-profiles');

const entry = fileURLToPath(new URL('./serve.ts', import.meta.url));
/** oidc-provider's start-up notices about its development adapter are expected here. */
const expectedNotices = /^oidc-provider (WARNING|NOTICE): /;

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
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      ...process.env,
      BENCH_CLIENT: JSON.stringify({ ...client, privateKey: undefined }),
      TEST_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
  });
  forwardErrors(child, kind);
  const ready = await reply<{ issuer: string; store: string }>(child, 'ready');
  const pool = new Pool(ready.issuer, { connections: 64 });

  return {
    kind,
    issuer: ready.issuer,
    store: ready.store,
    pool,
    async cpuMicros() {
      const answer = reply<{ micros: number }>(child, 'cpu');
      child.send({ type: 'cpu' });
      return (await answer).micros;
    },
    async stop() {
      await pool.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}

function reply<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function forwardErrors(child: ChildProcess, kind: ServerKind): void {
  let pending = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line && !expectedNotices.test(line)) process.stderr.write(`[${kind}] ${line}\n`);
    }
  });
}

function profiling(kind: ServerKind): string[] {
  return process.env.BENCH_PROFILE === kind
    ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`]
    : [];
}
