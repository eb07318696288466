export interface LoadOptions {
  /** Operations in flight at once (closed loop: each worker starts the next when one ends). */
  concurrency: number;
  /** Measured time; a warm-up of `warmupMs` runs first and is not counted. */
  durationMs: number;
  warmupMs?: number;
  /** Stops early when this many operations have started (e.g. pre-made inputs run out). */
  maxOperations?: number;
  /** One operation; it throws when the server's answer is not the expected one. */
  operation: (index: number) => Promise<void>;
  /** The server's CPU time so far, read when the window opens and when it closes. */
  serverCpuMicros?: () => Promise<number>;
}

export interface LoadResult {
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  /** Server CPU time per completed operation in the window, when it could be read. */
  serverCpuMicrosPerOperation?: number;
  firstFailure?: string;
}

/** Runs a closed-loop load and counts completed operations in the measured window only. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const warmupMs = options.warmupMs ?? 0;
  const warmupEnds = performance.now() + warmupMs;
  const measureEnds = warmupEnds + options.durationMs;
  const limit = options.maxOperations ?? Number.POSITIVE_INFINITY;
  const cpuAtStart = new Promise<number | undefined>((resolve) =>
    setTimeout(() => resolve(options.serverCpuMicros?.()), warmupMs),
  );
  let started = 0;
  let completed = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let lastCompletion = warmupEnds;

  async function worker(): Promise<void> {
    while (performance.now() < measureEnds && started < limit) {
      const index = started;
      started += 1;
      let failure: string | undefined;
      try {
        await options.operation(index);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      const ended = performance.now();
      if (ended < warmupEnds) continue;
      lastCompletion = ended;
      if (failure === undefined) completed += 1;
      else {
        failed += 1;
        firstFailure ??= failure;
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const cpuAtEnd = await options.serverCpuMicros?.();
  const cpuStart = await cpuAtStart;
  const seconds = (lastCompletion - warmupEnds) / 1000;
  return {
    completed,
    failed,
    seconds,
    perSecond: seconds > 0 ? completed / seconds : 0,
    ...(cpuAtEnd !== undefined &&
      cpuStart !== undefined &&
      completed > 0 && { serverCpuMicrosPerOperation: (cpuAtEnd - cpuStart) / completed }),
    ...(firstFailure !== undefined && { firstFailure }),
  };
}
