import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../log/logger.ts';
import { html, page, SafeHtml } from '../web/html.ts';
import { newErrorId, renderErrorPage } from '../web/error-page.ts';
import type { Language } from '../web/language.ts';

type RenderError = NonNullable<Configuration['renderError']>;
type LogoutFeature = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;

const oauthMessages: Record<string, { sv: string; en: string }> = {
  invalid_request: {
    sv: 'Tjänsten skickade en felaktig inloggningsbegäran.',
    en: 'The service sent an invalid login request.',
  },
  invalid_client: {
    sv: 'Tjänsten som skickade dig hit är inte känd av Brygga.',
    en: 'The service that sent you here is not known to Brygga.',
  },
  invalid_redirect_uri: {
    sv: 'Adressen som tjänsten vill få svaret till är inte registrerad.',
    en: "The service's return address is not registered.",
  },
  session_not_found: {
    sv: 'Inloggningen har gått ut. Börja om från tjänsten.',
    en: 'The login has expired. Please start again from the service.',
  },
  server_error: {
    sv: 'Ett tekniskt fel inträffade. Försök igen om en stund.',
    en: 'A technical error occurred. Please try again in a moment.',
  },
  temporarily_unavailable: {
    sv: 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.',
    en: 'The service is temporarily unavailable. Please try again in a moment.',
  },
};

function languageOf(ctx: KoaContextWithOIDC): Language {
  const locales = (ctx.oidc?.params?.ui_locales as string | undefined) ?? '';
  return locales.split(' ').includes('en') || ctx.query.lang === 'en' ? 'en' : 'sv';
}

/** Errors the provider cannot redirect back to the client (OIDC Core 3.1.2.6) become a page. */
export function createRenderError(logger: Logger): RenderError {
  return async (ctx, out, error) => {
    const errorId = newErrorId();
    const status = (error as { status?: number }).status ?? 500;
    const level = status >= 500 ? 'error' : 'warn';
    logger[level](
      {
        errorId,
        error: out.error,
        status,
        err: status >= 500 && status !== 503 ? error : undefined,
      },
      'provider error page',
    );

    const language = languageOf(ctx);
    const known = oauthMessages[out.error] ?? oauthMessages.invalid_request;
    const fallback =
      status === 503 ? oauthMessages.temporarily_unavailable : oauthMessages.server_error;
    const message = status >= 500 ? fallback! : known!;
    ctx.type = 'html';
    ctx.body = renderErrorPage({ language, code: out.error, message: message[language], errorId });
  };
}

export const renderLogoutPrompt: LogoutFeature['logoutSource'] = async (ctx, form) => {
  const language = languageOf(ctx);
  const text = {
    sv: {
      title: 'Logga ut',
      ask: 'Vill du logga ut från Brygga?',
      yes: 'Logga ut',
      no: 'Stanna inloggad',
    },
    en: {
      title: 'Log out',
      ask: 'Do you want to log out of Brygga?',
      yes: 'Log out',
      no: 'Stay logged in',
    },
  }[language];
  // `form` is oidc-provider's own hidden form (with its xsrf token): trusted library markup.
  ctx.type = 'html';
  ctx.body = page({
    title: text.title,
    language,
    query: ctx.querystring,
    body: html`<h1>${text.title}</h1>
      <p>${text.ask}</p>
      ${new SafeHtml(form)}
      <button class="button" form="op.logoutForm" name="logout" value="yes">${text.yes}</button>
      <button class="button secondary" form="op.logoutForm">${text.no}</button>`,
  });
};

export const renderLoggedOut: LogoutFeature['postLogoutSuccessSource'] = async (ctx) => {
  const language = languageOf(ctx);
  const text = { sv: 'Du är utloggad.', en: 'You are logged out.' }[language];
  ctx.type = 'html';
  ctx.body = page({ title: text, language, body: html`<h1>${text}</h1>` });
};
