import Router from '@koa/router';
import type { Context } from 'koa';
import QRCode from 'qrcode';
import { BryggaError, isBryggaError } from '../../errors/brygga-error.ts';
import type { LoginInteraction, LoginMethodServices } from '../../login/login-method.ts';
import type { FrejaFlow } from './freja-flow.ts';
import { frejaAppLink, renderFrejaPage } from './freja-page.ts';
import { statusText } from './freja-texts.ts';

/** `/login/freja/:uid` and its status, QR, cancel and finish routes. */
export function frejaRoutes(services: LoginMethodServices, flow: FrejaFlow): Router {
  const router = new Router();

  router.get('/login/freja/:uid', async (ctx) => {
    const interaction = await boundInteraction(services, ctx);
    const record = await flow.ensureStarted(interaction.uid);
    ctx.set('cache-control', 'no-store');
    ctx.type = 'html';
    ctx.body = renderFrejaPage(record, interaction.language);
  });

  // Polled by static/freja.js; answers JSON even when the login is gone.
  router.get('/login/freja/:uid/status', async (ctx) => {
    ctx.set('cache-control', 'no-store');
    let interaction: LoginInteraction;
    try {
      interaction = await boundInteraction(services, ctx);
    } catch (error) {
      if (!isBryggaError(error)) throw error;
      ctx.status = error.status;
      ctx.body = { state: 'gone', code: error.code };
      return;
    }
    const record = await flow.refresh(interaction.uid);
    const live = record?.state === 'pending' && record.authRef;
    ctx.body = {
      state: record?.state ?? 'gone',
      message: statusText(record, interaction.language),
      ...(record?.frejaStatus && { frejaStatus: record.frejaStatus }),
      ...(live && { appLink: frejaAppLink(record.authRef ?? '') }),
      ...(record?.frejaExpiresAt && { expiresAt: record.frejaExpiresAt.toISOString() }),
    };
  });

  router.get('/login/freja/:uid/qr.svg', async (ctx) => {
    const interaction = await boundInteraction(services, ctx);
    const record = await flow.refresh(interaction.uid);
    if (record?.state !== 'pending' || !record.authRef) throw new BryggaError('not_found');
    ctx.set('cache-control', 'no-store');
    ctx.type = 'image/svg+xml';
    ctx.body = await QRCode.toString(frejaAppLink(record.authRef), { type: 'svg', margin: 2 });
  });

  router.post('/login/freja/:uid/cancel', async (ctx) => {
    const interaction = await boundInteraction(services, ctx);
    await flow.cancel(interaction.uid);
    await services.failLogin(ctx, interaction.uid, 'login_cancelled', 'freja:user_cancelled');
  });

  router.post('/login/freja/:uid/finish', async (ctx) => {
    const interaction = await boundInteraction(services, ctx);
    const record = await flow.refresh(interaction.uid);
    if (record?.state === 'approved') {
      const taken = await flow.takeApproval(interaction.uid);
      if (taken?.identity) return services.completeLogin(ctx, interaction.uid, taken.identity);
    }
    if (record?.state === 'failed' && record.failure) {
      const { code, reason } = record.failure;
      return services.failLogin(ctx, interaction.uid, code, `freja:${reason}`);
    }
    if (!record || record.state === 'completed' || record.state === 'approved') {
      throw new BryggaError('interaction_expired');
    }
    ctx.redirect(`/login/freja/${encodeURIComponent(interaction.uid)}`);
  });

  return router;
}

/** The interaction bound to this browser, and only if it is the one in the path. */
async function boundInteraction(
  services: LoginMethodServices,
  ctx: Context,
): Promise<LoginInteraction> {
  const interaction = await services.loadInteraction(ctx);
  if (interaction.uid !== ctx.params.uid) throw new BryggaError('interaction_expired');
  return interaction;
}
