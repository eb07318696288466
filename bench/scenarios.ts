import type { Dispatcher } from 'undici';
import { clientCredentialsBodies } from './client-assertion.ts';
import type { BenchClientWithKey } from './client-assertion.ts';
import { fullLogin } from './full-login.ts';
import { runLoad } from './load.ts';
import type { LoadResult } from './load.ts';
import type { ServerProcess } from './server-process.ts';

export interface ScenarioOptions {
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

/** Assertions made up front per run: more than either server can take in the window. */
const tokenRequestBudgetPerSecond = 10_000;

/** client_credentials with private_key_jwt; each request carries its own pre-signed jti. */
export async function tokenEndpoint(
  server: ServerProcess,
  client: BenchClientWithKey,
  options: ScenarioOptions,
): Promise<LoadResult> {
  const seconds = (options.durationMs + options.warmupMs) / 1000;
  const bodies = clientCredentialsBodies(
    client,
    `${server.issuer}/token`,
    Math.ceil(seconds * tokenRequestBudgetPerSecond),
  );
  return runLoad({
    ...options,
    serverCpuMicros: server.cpuMicros,
    maxOperations: bodies.length,
    operation: async (index) => {
      const response = await server.pool.request({
        path: '/token',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: bodies[index],
      });
      await expectStatus(response, 200);
    },
  });
}

export function discovery(server: ServerProcess, options: ScenarioOptions): Promise<LoadResult> {
  return runLoad({
    ...options,
    serverCpuMicros: server.cpuMicros,
    operation: async () => {
      const response = await server.pool.request({
        path: '/.well-known/openid-configuration',
        method: 'GET',
      });
      await expectStatus(response, 200);
    },
  });
}

/** Brygga's development test login posts a seeded person; the bare provider a button. */
export function fullLogins(
  server: ServerProcess,
  client: BenchClientWithKey,
  options: ScenarioOptions,
): Promise<LoadResult> {
  const loginForm =
    server.kind === 'brygga'
      ? (uid: string) => ({ path: `/login/dev/${uid}`, form: { person: 'demo-0' } })
      : (uid: string) => ({ path: `/interaction/${uid}/login`, form: {} });
  return runLoad({
    ...options,
    serverCpuMicros: server.cpuMicros,
    operation: () => fullLogin({ issuer: server.issuer, pool: server.pool, client, loginForm }),
  });
}

async function expectStatus(response: Dispatcher.ResponseData, status: number): Promise<void> {
  if (response.statusCode === status) {
    await response.body.dump();
    return;
  }
  const body = await response.body.text();
  throw new Error(`HTTP ${response.statusCode}: ${body.slice(0, 200)}`);
}
