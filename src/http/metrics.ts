import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: request counts and latencies by route family, logins by result. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;
  readonly logins: Counter<'method' | 'result'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'brygga_http_request_duration_seconds',
      help: 'HTTP request latency by route family',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.logins = new Counter({
      name: 'brygga_logins_total',
      help: 'Logins by method and result (succeeded, refused, failed, cancelled)',
      labelNames: ['method', 'result'],
      registers: [this.registry],
    });
  }

  middleware() {
    return async (ctx: Context, next: Next): Promise<void> => {
      const stop = this.requests.startTimer();
      try {
        await next();
      } finally {
        stop({ method: ctx.method, route: routeFamily(ctx.path), status: String(ctx.status) });
      }
    };
  }

  routes(): Router {
    const router = new Router();
    router.get('/metrics', async (ctx) => {
      ctx.type = this.registry.contentType;
      ctx.body = await this.registry.metrics();
    });
    return router;
  }
}

/** Bounded label values: the first path segment only (ids never become labels). */
function routeFamily(path: string): string {
  const first = path.split('/')[1] ?? '';
  return /^[a-z._-]{1,32}$/.test(first) ? `/${first}` : '/other';
}
