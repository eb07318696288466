import Router from '@koa/router';
import type { Context } from 'koa';
import type { AuditLog } from '../../audit/audit-log.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import { principalOf } from '../bearer-auth.ts';
import { requireCareProvider } from '../principal.ts';
import type { Principal } from '../principal.ts';
import { auditEventView } from '../representations.ts';
import { auditQuerySchema } from '../inputs.ts';
import { parseBody } from '../request-body.ts';
import { normalisedIdentityNumber } from '../staff-service.ts';

export const jsonLinesMediaType = 'application/jsonl';

/**
 * Audit events by care provider, person (keyed hash of the identity number) and time, as
 * JSON or as JSON lines for a care provider's incident work. A care-provider admin gets
 * only the events of its own care providers.
 */
export function auditRoutes(audit: AuditLog): Router {
  const router = new Router();

  router.post('/audit/search', async (ctx) => {
    const events = await query(ctx, audit);
    ctx.body = { events: events.map(auditEventView) };
  });

  router.post('/audit/export', async (ctx) => {
    const events = await query(ctx, audit);
    ctx.type = jsonLinesMediaType;
    ctx.set('Content-Disposition', 'attachment; filename="brygga-audit.jsonl"');
    ctx.body = events.map((event) => `${JSON.stringify(auditEventView(event))}\n`).join('');
  });

  return router;
}

// TODO(audit-export-stream): page through the store with a cursor instead of one bounded
// query, so an export of more than `limit` events needs no repeated calls.
async function query(ctx: Context, audit: AuditLog) {
  const principal = principalOf(ctx);
  const body = parseBody(ctx, auditQuerySchema);
  const careProviderId = body.careProviderId ?? onlyCareProvider(principal);
  if (careProviderId) requireCareProvider(principal, careProviderId);

  let personHash: string | undefined;
  if (body.identityNumber) {
    const identityNumber = normalisedIdentityNumber(body.identityNumber);
    if (!identityNumber) {
      throw new BryggaError('bad_request', 'identityNumber: not an identity number');
    }
    personHash = audit.hashPerson(identityNumber);
  }
  return audit.query({
    careProviderId,
    personHash,
    from: body.from ? new Date(body.from) : undefined,
    to: body.to ? new Date(body.to) : undefined,
    limit: body.limit,
  });
}

/** A care-provider admin always queries one of its own care providers. */
function onlyCareProvider(principal: Principal): string | undefined {
  if (principal.operator) return undefined;
  if (principal.careProviderIds.size === 1) return [...principal.careProviderIds][0];
  throw new BryggaError('bad_request', 'careProviderId: name one of your care providers');
}
