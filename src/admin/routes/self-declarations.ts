import Router from '@koa/router';
import type { Domain } from '../../domain/domain.ts';
import type { SelfDeclaration } from '../../domain/model/self-declaration.ts';
import { principalOf } from '../bearer-auth.ts';
import { expectedVersion, sendVersioned, writeIfVersion } from '../concurrency.ts';
import type { Principal } from '../principal.ts';
import { actorOf, requireCareProvider, requireOperator } from '../principal.ts';
import { declarationView } from '../representations.ts';
import { approvalSchema, reminderQuerySchema, returnSchema } from '../inputs.ts';
import { jsonBody, parseBody, parseQuery } from '../request-body.ts';

/**
 * Self-declarations: a care provider's admin drafts, edits and submits its own; the
 * operator approves or returns it with a comment. Every review is kept (who, when, why).
 */
export function selfDeclarationRoutes(domain: Domain, reminderDays: number): Router {
  const router = new Router();
  const declarations = domain.selfDeclarations;

  /** Loads a declaration the caller may act on, and its version for If-Match. */
  async function load(principal: Principal, id: string): Promise<SelfDeclaration> {
    const declaration = await declarations.get(id);
    requireCareProvider(principal, declaration.careProviderId);
    return declaration;
  }
  const versionOf = (id: string) => async () => (await declarations.get(id)).version;

  router.get('/care-providers/:careProviderId/self-declarations', async (ctx) => {
    const careProviderId = ctx.params.careProviderId!;
    requireCareProvider(principalOf(ctx), careProviderId);
    await domain.careProviders.get(careProviderId);
    const list = await declarations.listForCareProvider(careProviderId);
    ctx.body = { selfDeclarations: list.map(declarationView) };
  });

  router.post('/care-providers/:careProviderId/self-declarations', async (ctx) => {
    const principal = principalOf(ctx);
    const careProviderId = ctx.params.careProviderId!;
    requireCareProvider(principal, careProviderId);
    const declaration = await declarations.createDraft(
      careProviderId,
      jsonBody(ctx),
      actorOf(principal),
    );
    ctx.status = 201;
    ctx.set('Location', `/admin/v1/self-declarations/${declaration.id}`);
    sendVersioned(ctx, declaration, declarationView(declaration));
  });

  router.get('/self-declarations/:declarationId', async (ctx) => {
    const declaration = await load(principalOf(ctx), ctx.params.declarationId!);
    sendVersioned(ctx, declaration, declarationView(declaration));
  });

  router.put('/self-declarations/:declarationId', async (ctx) => {
    const principal = principalOf(ctx);
    const id = ctx.params.declarationId!;
    await load(principal, id);
    const version = expectedVersion(ctx);
    const input = jsonBody(ctx);
    const declaration = await writeIfVersion(version, versionOf(id), () =>
      declarations.updateDraft(id, version, input, actorOf(principal)),
    );
    sendVersioned(ctx, declaration, declarationView(declaration));
  });

  router.post('/self-declarations/:declarationId/submit', async (ctx) => {
    const principal = principalOf(ctx);
    const id = ctx.params.declarationId!;
    await load(principal, id);
    const version = expectedVersion(ctx);
    const declaration = await writeIfVersion(version, versionOf(id), () =>
      declarations.submit(id, version, actorOf(principal)),
    );
    sendVersioned(ctx, declaration, declarationView(declaration));
  });

  router.post('/self-declarations/:declarationId/approve', async (ctx) => {
    const principal = principalOf(ctx);
    requireOperator(principal);
    const id = ctx.params.declarationId!;
    const version = expectedVersion(ctx);
    const { comment } = parseBody(ctx, approvalSchema);
    const declaration = await writeIfVersion(version, versionOf(id), () =>
      declarations.approve(id, version, actorOf(principal), comment),
    );
    sendVersioned(ctx, declaration, declarationView(declaration));
  });

  router.post('/self-declarations/:declarationId/return', async (ctx) => {
    const principal = principalOf(ctx);
    requireOperator(principal);
    const id = ctx.params.declarationId!;
    const version = expectedVersion(ctx);
    const { comment } = parseBody(ctx, returnSchema);
    const declaration = await writeIfVersion(version, versionOf(id), () =>
      declarations.returnWithComments(id, version, actorOf(principal), comment),
    );
    sendVersioned(ctx, declaration, declarationView(declaration));
  });

  router.get('/reminders/self-declarations', async (ctx) => {
    requireOperator(principalOf(ctx));
    const { days } = parseQuery(ctx, reminderQuerySchema);
    const reminders = await declarations.remindersDue(new Date(), days ?? reminderDays);
    ctx.body = { reminders };
  });

  return router;
}
