import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log/logger.ts';

/** Client-caused errors: warn. Listed by oidc-provider's documented event names. */
const refusedRequestEvents = [
  'authorization.error',
  'backchannel.error',
  'check_session_origin.error',
  'discovery.error',
  'end_session.error',
  'grant.error',
  'introspection.error',
  'jwks.error',
  'pushed_authorization_request.error',
  'registration_read.error',
  'revocation.error',
  'userinfo.error',
];

/**
 * The one module that turns oidc-provider's events into log lines and audit events.
 * Tokens are never logged: only their kind, client and grant ids.
 */
export function logProviderEvents(provider: Provider, logger: Logger, audit: AuditLog): void {
  const log = logger.child({ component: 'oidc' });
  // The typings list a fixed set of event names; the provider is a plain EventEmitter.
  const events = provider as unknown as NodeJS.EventEmitter;

  events.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => {
    const status = (error as { status?: number }).status;
    const line = { err: error, path: ctx.path, clientId: ctx.oidc?.client?.clientId };
    if (status === 503) log.warn({ path: ctx.path, reason: error.message }, 'database unavailable');
    else log.error(line, 'oidc server error');
  });

  for (const event of refusedRequestEvents) {
    events.on(event, (ctx: KoaContextWithOIDC, error: Error & { error_description?: string }) => {
      log.warn(
        {
          event,
          error: error.message,
          description: error.error_description,
          clientId: ctx.oidc?.client?.clientId,
        },
        'oidc request refused',
      );
    });
  }

  events.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const clientId = ctx.oidc.client?.clientId;
    const grantType = (ctx.oidc.params?.grant_type as string | undefined) ?? 'unknown';
    // The audit record writes the milestone's log line too: one line per issuance.
    void audit.record({
      event: 'token.issued',
      ...(clientId && { clientId }),
      details: { grantType },
    });
  });

  events.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
    const clientId = ctx.oidc?.client?.clientId;
    log.info({ event: 'grant.revoked', clientId, grantId }, 'grant revoked');
    void audit.record({
      event: 'grant.revoked',
      ...(clientId && { clientId }),
      details: { grantId },
    });
  });

  for (const model of ['access_token', 'refresh_token'] as const) {
    events.on(`${model}.destroyed`, (token: { clientId?: string; grantId?: string }) => {
      void audit.record({
        event: 'token.revoked',
        ...(token.clientId && { clientId: token.clientId }),
        details: { kind: model, grantId: token.grantId },
      });
    });
  }

  events.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    log.info({ event: 'end_session.success', clientId: ctx.oidc.client?.clientId }, 'logged out');
  });

  events.on('backchannel.success', (client: { clientId: string }) => {
    log.info(
      { event: 'backchannel.success', clientId: client.clientId },
      'back-channel logout sent',
    );
  });
}
