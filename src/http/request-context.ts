import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../log/logger.ts';

/** A child logger per request (request id; interaction and client ids when known). */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    const path = ctx.path;
    const interactionId =
      path.startsWith('/interaction/') || path.startsWith('/login/')
        ? /\/(?:interaction|login\/[\w-]+)\/([\w-]{8,})/.exec(path)?.[1]
        : undefined;
    ctx.state.requestId = requestId;
    // Made on first use: most requests (token, discovery) never log through it.
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'logger', {
      get: () =>
        (child ??= logger.child({
          requestId,
          ...(interactionId && { interactionId }),
          ...(typeof ctx.query.client_id === 'string' && {
            clientId: ctx.query.client_id.slice(0, 100),
          }),
        })),
      configurable: true,
    });
    ctx.set('X-Request-Id', requestId);
    await next();
  };
}
