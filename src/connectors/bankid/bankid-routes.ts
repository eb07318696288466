import Router from '@koa/router';
import type { Context } from 'koa';
import QRCode from 'qrcode';
import type { BankIdConfig } from '../../config/sections/bankid.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { LoginInteraction, LoginMethodServices } from '../../login/login-method.ts';
import { renderErrorPage } from '../../web/error-page.ts';
import { identityFrom } from './bankid-completion.ts';
import type { BankIdLoginFlow } from './bankid-login-flow.ts';
import { bankIdPage } from './bankid-page.ts';
import { browserContext } from './browser-context.ts';
import type { BankIdOrderRepository } from './order-repository.ts';
import { qrContent, secondsSince } from './qr-content.ts';
import { statusText } from './status-message.ts';

export interface BankIdRouteDeps {
  services: LoginMethodServices;
  config: BankIdConfig;
  /** Resolves once indexes and the BankID client are ready. */
  ready: () => Promise<{ flow: BankIdLoginFlow; repository: BankIdOrderRepository }>;
  now: () => Date;
  referringDomain: string;
}

/** Routes of the BankID login (see bankid-page.ts for what the browser does with them). */
export function bankIdRoutes(deps: BankIdRouteDeps): Router {
  const { services, now } = deps;
  const router = new Router();

  router.get('/login/bankid/:uid', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { flow } = await deps.ready();
    const document = await flow.begin(interaction.uid, browserContext(ctx, deps.referringDomain));
    if (!document) return services.failLogin(ctx, interaction.uid, 'interaction_expired');
    if (document.state === 'complete' || document.state === 'failed') {
      return ctx.redirect(`/login/bankid/${interaction.uid}/done`);
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = bankIdPage(
      interaction.uid,
      interaction.language,
      statusText(document)[interaction.language],
    );
  });

  router.get('/login/bankid/:uid/status', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { flow } = await deps.ready();
    const document = await flow.advance(interaction.uid);
    const done = `/login/bankid/${interaction.uid}/done`;
    ctx.set('Cache-Control', 'no-store');
    if (!document) {
      ctx.body = { state: 'expired', next: done };
      return;
    }
    const pending = document.state === 'pending' || document.state === 'starting';
    ctx.body = {
      state: pending ? 'pending' : document.state,
      message: statusText(document)[interaction.language],
      ...(document.hintCode && pending && { hintCode: document.hintCode }),
      ...(!pending && { next: done }),
    };
  });

  router.get('/login/bankid/:uid/qr.svg', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { repository } = await deps.ready();
    const document = await repository.find(interaction.uid);
    ctx.set('Cache-Control', 'no-store');
    if (document?.state !== 'pending' || !document.order || !document.orderStartedAt) {
      ctx.status = 404;
      return;
    }
    const { qrStartToken, qrStartSecret } = document.order;
    const content = qrContent(
      qrStartToken,
      qrStartSecret,
      secondsSince(document.orderStartedAt, now()),
    );
    ctx.type = 'image/svg+xml';
    ctx.body = await QRCode.toString(content, {
      type: 'svg',
      errorCorrectionLevel: 'L',
      margin: 2,
    });
  });

  router.get('/login/bankid/:uid/launch', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { flow, repository } = await deps.ready();
    const document = await repository.find(interaction.uid);
    if (document?.state !== 'pending' || !document.order) {
      return ctx.redirect(`/login/bankid/${interaction.uid}`);
    }
    await flow.markAutostart(document);
    // BankID RP API v6 autostart; the returnUrl in the order overrides `redirect`.
    const token = encodeURIComponent(document.order.autoStartToken);
    ctx.redirect(`bankid:///?autostarttoken=${token}&redirect=null`);
  });

  router.get('/login/bankid/:uid/return', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { flow, repository } = await deps.ready();
    const nonce = typeof ctx.query.nonce === 'string' ? ctx.query.nonce : '';
    const document = nonce ? await repository.useReturnNonce(interaction.uid, nonce) : null;
    if (!document) {
      services.logger.warn({ component: 'bankid', uid: interaction.uid }, 'BankID return refused');
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = renderErrorPage({
        language: interaction.language,
        code: 'bankid_return_refused',
        message: refusedReturn[interaction.language],
      });
      return;
    }
    // The return only wakes the browser; the result still comes from /collect.
    await flow.advance(interaction.uid);
    ctx.redirect(`/login/bankid/${interaction.uid}`);
  });

  router.post('/login/bankid/:uid/cancel', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { flow } = await deps.ready();
    await flow.cancel(interaction.uid);
    ctx.redirect(`/login/bankid/${interaction.uid}/done`);
  });

  router.get('/login/bankid/:uid/done', async (ctx) => {
    const interaction = await ownLogin(ctx, services);
    const { repository } = await deps.ready();
    const uid = interaction.uid;
    const document = await repository.find(uid);
    if (document?.state === 'pending' || document?.state === 'starting') {
      return ctx.redirect(`/login/bankid/${uid}`);
    }
    const handedOver = document ? await repository.claimHandOver(uid) : null;
    if (!handedOver) return services.failLogin(ctx, uid, 'interaction_expired');
    if (handedOver.state === 'complete' && handedOver.completion && handedOver.order) {
      const identity = identityFrom(handedOver.completion, handedOver.order.orderRef, deps.config);
      return services.completeLogin(ctx, uid, identity);
    }
    const code = handedOver.failure?.code ?? 'login_failed';
    return services.failLogin(ctx, uid, code, statusText(handedOver)[interaction.language]);
  });

  return router;
}

const refusedReturn = {
  sv: 'Länken tillbaka från BankID-appen gäller inte, eller har redan använts.',
  en: 'The link back from the BankID app is not valid or has already been used.',
};

/** The browser's interaction (cookie-bound) must be the login named in the path. */
async function ownLogin(ctx: Context, services: LoginMethodServices): Promise<LoginInteraction> {
  const interaction = await services.loadInteraction(ctx);
  if (interaction.uid !== ctx.params.uid) {
    throw new BryggaError('forbidden', 'This login belongs to another browser window');
  }
  return interaction;
}
