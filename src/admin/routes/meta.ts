import Router from '@koa/router';
import { principalOf } from '../bearer-auth.ts';
import { openApiDocument } from '../openapi/document.ts';

/** The OpenAPI document (public, like any discovery document) and who the caller is. */
export function openApiRoutes(): Router {
  const router = new Router();
  const document = openApiDocument();
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
  return router;
}

export function meRoutes(): Router {
  const router = new Router();
  router.get('/me', (ctx) => {
    const principal = principalOf(ctx);
    ctx.body = {
      clientId: principal.clientId,
      operator: principal.operator,
      careProviderIds: [...principal.careProviderIds],
    };
  });
  return router;
}
