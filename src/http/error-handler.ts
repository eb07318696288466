import type { Context, Next } from 'koa';
import { isBryggaError } from '../errors/brygga-error.ts';
import type { Logger } from '../log/logger.ts';
import { newErrorId, renderErrorPage } from '../web/error-page.ts';
import { pickLanguage } from '../web/language.ts';
import { failureMessage, isKnownFailureCode } from '../interaction/login-messages.ts';
import { wantsJson } from '../interaction/respond.ts';

const genericMessage = {
  sv: 'Ett tekniskt fel inträffade. Försök igen om en stund.',
  en: 'A technical error occurred. Please try again in a moment.',
};
const unavailableMessage = {
  sv: 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.',
  en: 'The service is temporarily unavailable. Please try again in a moment.',
};

/**
 * The one place errors outside oidc-provider become responses: a page for people, JSON
 * for scripts, always with an error id that is also in the log line. Never a stack trace.
 */
export function errorHandler(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      const errorId = newErrorId();
      const known = isBryggaError(error) ? error : undefined;
      const status = known?.status ?? statusOf(error);
      // oidc-provider's models report an outage as temporarily_unavailable with a 503.
      const code =
        known?.code ??
        (status === 503 ? 'database_unavailable' : status < 500 ? 'bad_request' : 'internal');
      const log = ctx.state.logger ?? logger;
      if (status >= 500 && code !== 'database_unavailable')
        log.error({ err: error, errorId, errorCode: code }, 'request failed');
      else
        log.warn(
          { errorId, errorCode: code, status, reason: (error as Error).message },
          'request refused',
        );

      const language = pickLanguage(ctx);
      const exposed = known?.expose ? known.message : undefined;
      ctx.status = status;
      if (wantsJson(ctx)) {
        ctx.body = {
          error: code,
          error_description: exposed ?? 'See the error id',
          error_id: errorId,
        };
        return;
      }
      const message =
        code === 'database_unavailable'
          ? unavailableMessage[language]
          : isKnownFailureCode(code)
            ? failureMessage(code)[language]
            : status < 500 && exposed
              ? exposed
              : genericMessage[language];
      ctx.type = 'html';
      ctx.body = renderErrorPage({ language, code, message, errorId });
    }
  };
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
