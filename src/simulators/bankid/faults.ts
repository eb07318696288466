import type { RpErrorCode } from './rp-error.ts';
import { RpError } from './rp-error.ts';

export type RpEndpoint = 'auth' | 'sign' | 'collect' | 'cancel';

/** An error the simulator answers with instead of doing the work (408, 429, 500, 503…). */
export interface Fault {
  errorCode: RpErrorCode;
  /** Only this endpoint; every endpoint when absent. */
  endpoint?: RpEndpoint;
  /** HTTP status when not the code's usual one (403 unauthorized). */
  status?: number;
  details?: string;
  /** How many requests it hits; default 1. */
  times?: number;
}

export class FaultQueue {
  private readonly faults: Array<Fault & { remaining: number }> = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** The next fault for this endpoint, consumed; undefined when none is queued. */
  take(endpoint: RpEndpoint): RpError | undefined {
    const index = this.faults.findIndex((fault) => !fault.endpoint || fault.endpoint === endpoint);
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return new RpError(fault.errorCode, fault.details ?? 'Injected by the simulator', fault.status);
  }
}
