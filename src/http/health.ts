import Router from '@koa/router';
import type { DocumentStore } from '../store/document-store.ts';

/** /healthz: the process answers. /readyz: the database answers too (503 otherwise). */
export function healthRoutes(store: DocumentStore): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await store.ping();
      ctx.body = { status: 'ready', ready: true, database: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', ready: false, database: 'unreachable' };
    }
  });
  return router;
}
