import Router from '@koa/router';
import type { Domain } from '../../domain/domain.ts';
import type { LicenceInput } from '../../domain/model/licence.ts';
import { principalOf } from '../bearer-auth.ts';
import { expectedVersion, sendVersioned, writeIfVersion } from '../concurrency.ts';
import { actorOf, requireCareProvider, requireOperator } from '../principal.ts';
import { licenceView } from '../representations.ts';
import { jsonBody } from '../request-body.ts';

/** Licences: the operator grants and changes them; a care provider's admins may read. */
export function licenceRoutes(domain: Domain): Router {
  const router = new Router();

  router.get('/care-providers/:careProviderId/licences', async (ctx) => {
    const careProviderId = ctx.params.careProviderId!;
    requireCareProvider(principalOf(ctx), careProviderId);
    await domain.careProviders.get(careProviderId);
    const licences = await domain.licences.listForCareProvider(careProviderId);
    ctx.body = { licences: licences.map(licenceView) };
  });

  router.post('/licences', async (ctx) => {
    const principal = principalOf(ctx);
    requireOperator(principal);
    const licence = await domain.licences.create(jsonBody(ctx), actorOf(principal));
    ctx.status = 201;
    ctx.set('Location', `/admin/v1/licences/${licence.id}`);
    sendVersioned(ctx, licence, licenceView(licence));
  });

  router.get('/licences/:licenceId', async (ctx) => {
    const licence = await domain.licences.get(ctx.params.licenceId!);
    requireCareProvider(principalOf(ctx), licence.careProviderId);
    sendVersioned(ctx, licence, licenceView(licence));
  });

  router.put('/licences/:licenceId', async (ctx) => {
    const principal = principalOf(ctx);
    requireOperator(principal);
    const id = ctx.params.licenceId!;
    const version = expectedVersion(ctx);
    const input = jsonBody<LicenceInput>(ctx);
    const licence = await writeIfVersion(
      version,
      async () => (await domain.licences.get(id)).version,
      () => domain.licences.update(id, version, input, actorOf(principal)),
    );
    sendVersioned(ctx, licence, licenceView(licence));
  });

  return router;
}
