import Router from '@koa/router';
import { koaBody } from 'koa-body';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { BryggaError } from '../errors/brygga-error.ts';
import type { LoginMethod } from '../login/login-method.ts';
import { pickLanguage } from '../web/language.ts';
import { newErrorId } from '../web/error-page.ts';
import { bindBrowser, isBrowserBound } from './interaction-binding.ts';
import { findInteraction } from './login-interaction.ts';
import { authnProviderParam } from '../oidc/provider.ts';
import type { LoginFlow } from './login-flow.ts';
import { failureMessage, isKnownFailureCode, refusalMessage } from './login-messages.ts';
import { endedPage, methodChooserPage } from './pages.ts';
import { renderChoicePage } from '../login/policy/index.ts';
import type { PendingChoiceRepository } from './pending-choices.ts';

export interface InteractionRouteDependencies {
  provider: Provider;
  flow: LoginFlow;
  methods: LoginMethod[];
  pendingChoices: PendingChoiceRepository;
  interactionTtl: number;
}

/** Brygga's interaction pages: method choice, care provider choice, failure and cancel. */
export function interactionRoutes(deps: InteractionRouteDependencies): Router {
  const { provider, flow } = deps;
  const router = new Router();
  const form = koaBody({
    multipart: false,
    urlencoded: true,
    json: false,
    text: false,
    formLimit: '8kb',
  });

  router.get('/interaction/:uid', async (ctx) => {
    // interactionDetails checks oidc-provider's own cookie: this browser started the request.
    const interaction = await provider
      .interactionDetails(ctx.req, ctx.res)
      .catch((cause: unknown) => {
        // A database outage stays a 503; anything else means no live interaction here.
        if ((cause as { status?: unknown }).status === 503) throw cause;
        throw new BryggaError('interaction_expired', undefined, { cause });
      });
    if (interaction.uid !== ctx.params.uid) throw new BryggaError('interaction_expired');
    const params = interaction.params as Record<string, unknown>;
    const client = await provider.Client.find(String(params.client_id));
    const language = pickLanguage(
      ctx,
      typeof params.ui_locales === 'string' ? params.ui_locales : undefined,
    );

    bindBrowser(ctx, interaction.uid, deps.interactionTtl);
    const offered = await flow.offeredMethods(params, deps.methods);
    const named = params[authnProviderParam];
    if (typeof named === 'string') {
      // OIDC Sweden request parameter extensions 2.2: the client chose the provider.
      const method =
        offered.find(
          (candidate) =>
            Array.isArray(candidate.authnProviders) && candidate.authnProviders.includes(named),
        ) ?? offered.find((candidate) => candidate.authnProviders === '*');
      if (!method)
        return flow.failLogin(
          ctx,
          interaction.uid,
          'method_not_available',
          'authnProvider not offered',
        );
      return ctx.redirect(`${method.startPath}/${interaction.uid}?lang=${language}`);
    }
    ctx.type = 'html';
    ctx.body = methodChooserPage({
      uid: interaction.uid,
      language,
      clientName: client?.clientName ?? String(params.client_id),
      methods: offered,
    });
  });

  router.post('/interaction/:uid/cancel', async (ctx) => {
    const interaction = await boundInteraction(ctx);
    await flow.audit.record({
      event: 'login.cancelled',
      clientId: String((interaction.params as Record<string, unknown>).client_id),
      reason: 'cancelled_by_person',
    });
    await flow.finishWithError(ctx, interaction, 'login_cancelled');
  });

  router.post('/interaction/:uid/abort', form, async (ctx) => {
    const interaction = await boundInteraction(ctx);
    const code = String((ctx.request.body as Record<string, unknown>)?.code ?? '');
    await flow.finishWithError(ctx, interaction, isKnownFailureCode(code) ? code : 'login_failed');
  });

  router.get('/interaction/:uid/failed', async (ctx) => {
    const code = String(ctx.query.code ?? '');
    const known = isKnownFailureCode(code) ? code : 'login_failed';
    renderEnded(ctx, known, failureMessage(known));
  });

  router.get('/interaction/:uid/refused', async (ctx) => {
    renderEnded(ctx, 'login_refused', refusalMessage(String(ctx.query.rule ?? '')));
  });

  router.get('/interaction/:uid/choose', async (ctx) => {
    await boundInteraction(ctx);
    const choice = await deps.pendingChoices.find(ctx.params.uid as string);
    if (!choice) throw new BryggaError('interaction_expired');
    ctx.type = 'html';
    ctx.body = renderChoicePage({
      options: choice.options,
      language: pickLanguage(ctx),
      action: `/interaction/${choice.uid}/choose`,
    });
  });

  router.post('/interaction/:uid/choose', form, async (ctx) => {
    const interaction = await boundInteraction(ctx);
    const optionKey = String((ctx.request.body as Record<string, unknown>)?.option ?? '');
    const choice = await deps.pendingChoices.take(interaction.uid);
    if (!choice) throw new BryggaError('interaction_expired');
    await flow.completeChoice(ctx, interaction, choice.identity, optionKey);
  });

  async function boundInteraction(ctx: Context) {
    const uid = String(ctx.params.uid);
    const interaction = await findInteraction(provider, uid);
    if (!isBrowserBound(ctx, uid))
      throw new BryggaError('interaction_expired', 'Login not started in this browser');
    return interaction;
  }

  function renderEnded(ctx: Context, code: string, message: { sv: string; en: string }) {
    const language = pickLanguage(ctx);
    const ref = String(ctx.query.ref ?? '');
    ctx.type = 'html';
    ctx.status = code === 'login_refused' ? 403 : 400;
    ctx.body = endedPage({
      uid: String(ctx.params.uid),
      language,
      message: message[language],
      code,
      errorId: /^[0-9a-f]{8}$/.test(ref) ? ref : newErrorId(),
      query: ctx.querystring,
    });
  }

  return router;
}
