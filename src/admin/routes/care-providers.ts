import Router from '@koa/router';
import type { Domain } from '../../domain/domain.ts';
import type { CareProviderInput } from '../../domain/model/care-provider.ts';
import { principalOf } from '../bearer-auth.ts';
import { expectedVersion, sendVersioned, writeIfVersion } from '../concurrency.ts';
import { actorOf, mayAdminister, requireCareProvider, requireOperator } from '../principal.ts';
import { careProviderView } from '../representations.ts';
import { jsonBody } from '../request-body.ts';

/** Care providers (aktörer): the operator registers and edits them; their admins read. */
export function careProviderRoutes(domain: Domain): Router {
  const router = new Router();

  router.get('/care-providers', async (ctx) => {
    const principal = principalOf(ctx);
    const all = await domain.careProviders.list();
    const visible = all.filter((careProvider) => mayAdminister(principal, careProvider.id));
    ctx.body = { careProviders: visible.map(careProviderView) };
  });

  router.post('/care-providers', async (ctx) => {
    const principal = principalOf(ctx);
    requireOperator(principal);
    const careProvider = await domain.careProviders.create(jsonBody(ctx), actorOf(principal));
    ctx.status = 201;
    ctx.set('Location', `/admin/v1/care-providers/${careProvider.id}`);
    sendVersioned(ctx, careProvider, careProviderView(careProvider));
  });

  router.get('/care-providers/:careProviderId', async (ctx) => {
    requireCareProvider(principalOf(ctx), ctx.params.careProviderId!);
    const careProvider = await domain.careProviders.get(ctx.params.careProviderId!);
    sendVersioned(ctx, careProvider, careProviderView(careProvider));
  });

  router.put('/care-providers/:careProviderId', async (ctx) => {
    const principal = principalOf(ctx);
    requireOperator(principal);
    const id = ctx.params.careProviderId!;
    const version = expectedVersion(ctx);
    const input = jsonBody<CareProviderInput>(ctx);
    const careProvider = await writeIfVersion(
      version,
      async () => (await domain.careProviders.get(id)).version,
      () => domain.careProviders.update(id, version, input, actorOf(principal)),
    );
    sendVersioned(ctx, careProvider, careProviderView(careProvider));
  });

  return router;
}
