import type { AuditLog } from '../../audit/audit-log.ts';
import type { LoginContext } from '../../claims/login-context.ts';
import type { Domain } from '../../domain/domain.ts';
import type { LicensedMethod } from '../../domain/model/licence.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { AuthenticatedIdentity } from '../authenticated-identity.ts';
import type { Candidate } from './candidate.ts';
import { candidatesOf } from './candidate.ts';
import { choiceLevelOf } from './choice-level.ts';
import { recordDecision, recordRevalidationRefusal } from './decision-audit.ts';
import { commissionsOf, optionsFor } from './options.ts';
import type { Preselection } from './preselection.ts';
import { preselectionOf } from './preselection.ts';
import { resolveStaffMember } from './resolve-staff.ts';
import { brokenRuleOf } from './still-allowed.ts';
import { runSteps } from './run-steps.ts';
import type { LoginOption, LoginOutcome, LoginRequest } from './types.ts';

export interface LoginPolicy {
  /** Runs the operator's rules for an authenticated person; audits allow and refuse. */
  evaluateLogin(
    identity: AuthenticatedIdentity,
    request: LoginRequest,
    now?: Date,
  ): Promise<LoginOutcome>;
  /**
   * The person picked `optionKey` on the choice page: the rules run again with that
   * option as the only one, so a stale or forged key cannot pass (bad_request).
   */
  applyChoice(
    identity: AuthenticatedIdentity,
    request: LoginRequest,
    optionKey: string,
    now?: Date,
  ): Promise<LoginOutcome>;
  /**
   * Methods the chooser may offer before the person is known: 'all' unless the client
   * pre-selected a care provider or commission, then those its licences allow.
   */
  allowedMethodsFor(request: LoginRequest, now?: Date): Promise<LicensedMethod[] | 'all'>;
  /**
   * Whether a login made earlier still passes the rules when its grant or session is used
   * (code exchange, refresh, UserInfo, prompt=none); a refusal is audited as login.refused
   * with reason `revalidation:<rule>`.
   */
  stillAllowed(login: LoginContext, clientId: string | undefined, now?: Date): Promise<boolean>;
}

export function createLoginPolicy(deps: { domain: Domain; audit: AuditLog; logger: Logger }) {
  const { domain, audit } = deps;
  const logger = deps.logger.child({ component: 'login-policy' });

  async function decide(
    identity: AuthenticatedIdentity,
    request: LoginRequest,
    now: Date,
    chosenKey?: string,
  ): Promise<LoginOutcome> {
    const staffMember = await resolveStaffMember(domain, identity);
    if (!staffMember) return { kind: 'refuse', rule: 'not_registered' };
    const personId = staffMember.personId;

    const preselection = preselectionOf(request);
    const wanted = (await candidatesOf(domain, staffMember)).filter((candidate) =>
      matches(candidate, preselection, identity),
    );
    if (wanted.length === 0) return { kind: 'refuse', rule: 'not_registered', personId };

    const { passing, refusal } = await runSteps(wanted, { domain, identity, now });
    if (passing.length === 0) return { ...refusal, personId };

    let level = choiceLevelOf(request);
    if (preselection.commissionHsaId) level = 'commission';
    if (level === 'none' && !chosenKey) {
      const only = passing.length === 1 ? passing[0]?.careProvider?.id : undefined;
      return { kind: 'allow', personId, ...(only && { careProviderId: only }) };
    }

    let options = optionsFor(passing, level === 'none' ? 'careProvider' : level, identity);
    if (preselection.commissionHsaId) {
      options = options.filter(
        (o) => o.commission?.commissionHsaId === preselection.commissionHsaId,
      );
    }
    if (chosenKey) {
      options = options.filter((option) => option.key === chosenKey);
      if (options.length === 0) throw new BryggaError('bad_request', 'option: not one offered');
    }
    if (options.length === 1 && options[0]) return allowFor(personId, options[0]);
    if (options.length === 0) return { kind: 'refuse', rule: 'not_registered', personId };
    return { kind: 'choose', personId, options };
  }

  async function decideAndRecord(
    identity: AuthenticatedIdentity,
    request: LoginRequest,
    now: Date,
    chosenKey?: string,
  ): Promise<LoginOutcome> {
    const outcome = await decide(identity, request, now, chosenKey);
    await recordDecision(audit, logger, identity, request, outcome);
    return outcome;
  }

  return {
    evaluateLogin: (identity, request, now = new Date()) => decideAndRecord(identity, request, now),
    applyChoice: (identity, request, optionKey, now = new Date()) =>
      decideAndRecord(identity, request, now, optionKey),
    async allowedMethodsFor(request, now = new Date()) {
      const preselection = preselectionOf(request);
      const careProvider = preselection.orgNumber
        ? await domain.careProviders.findByOrgNumber(preselection.orgNumber)
        : null;
      if (!careProvider) return 'all';
      const licences = await domain.licences.inForce(careProvider.id, now);
      return [...new Set(licences.flatMap((licence) => licence.allowedMethods))];
    },
    async stillAllowed(login, clientId, now = new Date()) {
      const rule = await brokenRuleOf(domain, login, now);
      if (rule) await recordRevalidationRefusal(audit, logger, login, clientId, rule);
      return rule === null;
    },
  } satisfies LoginPolicy;
}

function matches(
  candidate: Candidate,
  preselection: Preselection,
  identity: AuthenticatedIdentity,
) {
  if (preselection.orgNumber && candidate.careProvider?.orgNumber !== preselection.orgNumber) {
    return false;
  }
  if (!preselection.commissionHsaId) return true;
  return commissionsOf(candidate, identity).some(
    (commission) => commission.commissionHsaId === preselection.commissionHsaId,
  );
}

function allowFor(personId: string, option: LoginOption): LoginOutcome {
  return {
    kind: 'allow',
    personId,
    careProviderId: option.careProviderId,
    ...(option.commission && { commission: option.commission }),
  };
}
