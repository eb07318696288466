import type { AuditLog } from '../../audit/audit-log.ts';
import type { Logger } from '../../log/logger.ts';
import { identityNumberOf } from '../../domain/model/staff-member.ts';
import type { AuthenticatedIdentity } from '../authenticated-identity.ts';
import type { LoginContext } from '../../claims/login-context.ts';
import type { LoginOutcome, LoginRequest, RefusalRule } from './types.ts';

/** Every final decision is audited: login.succeeded or login.refused with the rule. */
export async function recordDecision(
  audit: AuditLog,
  logger: Logger,
  identity: AuthenticatedIdentity,
  request: LoginRequest,
  outcome: LoginOutcome,
): Promise<void> {
  if (outcome.kind === 'choose') return;

  const identityNumber = identityNumberOf(identity);
  const common = {
    clientId: request.clientId,
    method: identity.method,
    ...(identityNumber && { personHash: audit.hashPerson(identityNumber) }),
    ...(outcome.personId && { personId: outcome.personId }),
    ...(outcome.careProviderId && { careProviderId: outcome.careProviderId }),
  };

  if (outcome.kind === 'refuse') {
    logger.warn(
      { rule: outcome.rule, clientId: request.clientId, method: identity.method },
      'login refused',
    );
    await audit.record({ ...common, event: 'login.refused', reason: outcome.rule });
    return;
  }
  await audit.record({
    ...common,
    event: 'login.succeeded',
    ...(outcome.commission && { details: { commissionHsaId: outcome.commission.commissionHsaId } }),
  });
}

/** A login that no longer passes the rules when its grant or session is used again. */
export async function recordRevalidationRefusal(
  audit: AuditLog,
  logger: Logger,
  login: LoginContext,
  clientId: string | undefined,
  rule: RefusalRule,
): Promise<void> {
  const identityNumber = identityNumberOf(login);
  logger.warn({ rule, clientId, method: login.method }, 'login no longer allowed');
  await audit.record({
    event: 'login.refused',
    reason: `revalidation:${rule}`,
    method: login.method,
    personId: login.personId,
    ...(clientId && { clientId }),
    ...(identityNumber && { personHash: audit.hashPerson(identityNumber) }),
    ...(login.careProviderId && { careProviderId: login.careProviderId }),
  });
}
