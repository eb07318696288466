import Router from '@koa/router';
import Koa from 'koa';
import { koaBody } from 'koa-body';
import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import type { BryggaConfig } from '../config/schema.ts';
import type { Domain } from '../domain/domain.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import type { Logger } from '../log/logger.ts';
import { bearerAuth } from './bearer-auth.ts';
import { adminBasePath } from './openapi/document.ts';
import { problemResponses } from './problem.ts';
import { auditRoutes } from './routes/audit.ts';
import { careProviderRoutes } from './routes/care-providers.ts';
import { licenceRoutes } from './routes/licences.ts';
import { meRoutes, openApiRoutes } from './routes/meta.ts';
import { selfDeclarationRoutes } from './routes/self-declarations.ts';
import { staffRoutes } from './routes/staff.ts';

export interface AdminAppDependencies {
  provider: Provider;
  domain: Domain;
  audit: AuditLog;
  logger: Logger;
  config: Pick<BryggaConfig, 'admin' | 'domain'>;
}

/**
 * The operator's admin API: REST under /admin/v1, served on its own port (config `admin`)
 * so it can stay off the public network. Everything but the OpenAPI document needs a
 * client_credentials access token from Brygga's token endpoint.
 */
export function createAdminApp(deps: AdminAppDependencies): Koa {
  const logger = deps.logger.child({ component: 'admin' });
  const app = new Koa();
  app.use(problemResponses(logger));
  app.use(async (ctx, next) => {
    // Set first so that error responses carry them too.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });

  for (const router of adminRouters(deps)) {
    app.use(router.routes()).use(router.allowedMethods({ throw: true }));
  }
  app.use((ctx) => {
    throw new BryggaError('not_found', `No admin API route ${ctx.method} ${ctx.path}`);
  });
  return app;
}

/** The OpenAPI document's router (public) and every authenticated route, in that order. */
export function adminRouters(deps: AdminAppDependencies): Router[] {
  const open = new Router({ prefix: adminBasePath }).use(openApiRoutes().routes());
  const secured = new Router({ prefix: adminBasePath });
  // Router middleware runs only for a matching route: unknown paths stay 404, not 401.
  secured.use(bearerAuth(deps.provider));
  secured.use(
    koaBody({
      json: true,
      urlencoded: false,
      multipart: false,
      jsonStrict: true,
      jsonLimit: deps.config.admin.bodyLimit,
    }),
  );
  const routers = [
    meRoutes(),
    careProviderRoutes(deps.domain),
    licenceRoutes(deps.domain),
    selfDeclarationRoutes(deps.domain, deps.config.domain.declarationReminderDays),
    staffRoutes(deps.domain),
    auditRoutes(deps.audit),
  ];
  for (const router of routers) secured.use(router.routes());

  return [open, secured];
}
