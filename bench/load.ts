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
}

export interface LoadResult {
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  firstFailure?: string;
}

/** Runs a closed-loop load and counts completed operations in the measured window only. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const warmupEnds = performance.now() + (options.warmupMs ?? 0);
  const measureEnds = warmupEnds + options.durationMs;
  const limit = options.maxOperations ?? Number.POSITIVE_INFINITY;
  let started = 0;
  let completed = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let measuredFrom = Number.NaN;
  let measuredTo = Number.NaN;

  async function worker(): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (now >= measureEnds || started >= limit) return;
      const index = started;
      started += 1;
      let succeeded = true;
      try {
        await options.operation(index);
      } catch (error) {
        succeeded = false;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      const ended = performance.now();
      if (ended < warmupEnds) continue;
      if (Number.isNaN(measuredFrom)) measuredFrom = warmupEnds;
      measuredTo = ended;
      if (succeeded) completed += 1;
      else failed += 1;
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number.isNaN(measuredFrom) ? 0 : (measuredTo - measuredFrom) / 1000;
  return {
    completed,
    failed,
    seconds,
    perSecond: seconds > 0 ? completed / seconds : 0,
    ...(firstFailure !== undefined && { firstFailure }),
  };
}
