import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import type { BryggaConfig } from '../config/schema.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import type { ErrorCode } from '../errors/codes.ts';
import { oauthErrorFor, errorCatalogue } from '../errors/codes.ts';
import type { Logger } from '../log/logger.ts';
import type { AuthenticatedIdentity } from '../login/authenticated-identity.ts';
import type { LoginRecordRepository } from '../login/login-records.ts';
import type { LoginMethod, LoginMethodServices } from '../login/login-method.ts';
import type { LoginOutcome, LoginPolicy } from '../login/policy/index.ts';
import { toLoginContext } from '../claims/index.ts';
import type { DocumentStore } from '../store/document-store.ts';
import { pickLanguage } from '../web/language.ts';
import { newErrorId } from '../web/error-page.ts';
import { isBrowserBound, unbindBrowser } from './interaction-binding.ts';
import {
  acrIsEssential,
  describeInteraction,
  findInteraction,
  loginRequestOf,
  requestedClaimNames,
} from './login-interaction.ts';
import type { PendingChoiceRepository } from './pending-choices.ts';
import { sendOnward } from './respond.ts';

export interface LoginFlowDependencies {
  config: BryggaConfig;
  store: DocumentStore;
  logger: Logger;
  audit: AuditLog;
  provider: Provider;
  policy: LoginPolicy;
  loginRecords: LoginRecordRepository;
  pendingChoices: PendingChoiceRepository;
}

/**
 * The end of every login: acr check, the operator's rules, the care provider choice,
 * then the grant and the return into oidc-provider. Implements LoginMethodServices.
 */
export class LoginFlow implements LoginMethodServices {
  readonly config: BryggaConfig;
  readonly store: DocumentStore;
  readonly logger: Logger;
  readonly audit: AuditLog;
  private readonly flowLogger: Logger;

  constructor(private readonly deps: LoginFlowDependencies) {
    this.config = deps.config;
    this.store = deps.store;
    // Methods make their own child logger ({ component }); the flow logs through its own.
    this.logger = deps.logger;
    this.flowLogger = deps.logger.child({ component: 'login' });
    this.audit = deps.audit;
  }

  async loadInteraction(ctx: Context) {
    const uid = String(ctx.params?.uid ?? '');
    const interaction = await findInteraction(this.deps.provider, uid);
    if (!isBrowserBound(ctx, uid))
      throw new BryggaError('interaction_expired', 'Login not started in this browser');
    return describeInteraction(interaction, pickLanguage(ctx, uiLocalesOf(interaction)));
  }

  /**
   * The methods the chooser offers: all, unless the client pre-selected a care provider
   * (claims parameter or login_hint), then those its licences allow. The development test
   * login is never licensed and always offered where it is enabled.
   */
  async offeredMethods(
    params: Record<string, unknown>,
    methods: LoginMethod[],
  ): Promise<LoginMethod[]> {
    const allowed = await this.deps.policy.allowedMethodsFor(loginRequestOf(params), new Date());
    if (allowed === 'all') return methods;
    return methods.filter(
      (method) => method.id === 'dev' || (allowed as string[]).includes(method.id),
    );
  }

  async loadInteractionByUid(uid: string) {
    return describeInteraction(await findInteraction(this.deps.provider, uid));
  }

  async completeLogin(ctx: Context, uid: string, identity: AuthenticatedIdentity): Promise<void> {
    const interaction = await findInteraction(this.deps.provider, uid);
    const params = interaction.params as Record<string, unknown>;
    const described = describeInteraction(interaction, pickLanguage(ctx, uiLocalesOf(interaction)));
    const clientId = described.clientId;

    const acceptable = described.requestedAcrValues;
    if (acceptable.length > 0 && !acceptable.includes(identity.acr) && acrIsEssential(params)) {
      await this.audit.record({
        event: 'login.refused',
        clientId,
        personHash: personHashOf(this.audit, identity),
        method: identity.method,
        reason: 'unmet_acr',
      });
      return this.finishWithError(ctx, interaction, 'unmet_authentication_requirements');
    }

    const outcome = await this.deps.policy.evaluateLogin(
      identity,
      loginRequestOf(params),
      new Date(),
    );
    const lang = described.language;
    if (outcome.kind === 'refuse') {
      // The policy has audited the refusal with its rule.
      const ref = this.logEnding(uid, 'login_refused', outcome.rule);
      const query = new URLSearchParams({ rule: outcome.rule, ref, lang });
      return sendOnward(ctx, `/interaction/${uid}/refused?${query}`);
    }
    if (outcome.kind === 'choose') {
      await this.deps.pendingChoices.save({
        uid,
        identity,
        options: outcome.options,
        expiresAt: new Date(interaction.exp * 1000),
      });
      return sendOnward(ctx, `/interaction/${uid}/choose?lang=${lang}`);
    }
    await this.finishLogin(ctx, interaction, identity, outcome);
  }

  /** The person picked an option on the choice page; the policy checks it again. */
  async completeChoice(
    ctx: Context,
    interaction: Interaction,
    identity: AuthenticatedIdentity,
    optionKey: string,
  ): Promise<void> {
    const params = interaction.params as Record<string, unknown>;
    const outcome = await this.deps.policy.applyChoice(
      identity,
      loginRequestOf(params),
      optionKey,
      new Date(),
    );
    if (outcome.kind !== 'allow') {
      const rule = outcome.kind === 'refuse' ? outcome.rule : 'not_registered';
      const ref = this.logEnding(interaction.uid, 'login_refused', rule);
      const lang = pickLanguage(ctx, uiLocalesOf(interaction));
      const query = new URLSearchParams({ rule, ref, lang });
      return sendOnward(ctx, `/interaction/${interaction.uid}/refused?${query}`);
    }
    await this.finishLogin(ctx, interaction, identity, outcome);
  }

  /** Ends the login for an allowed person: grant, login context, back into the provider. */
  async finishLogin(
    ctx: Context,
    interaction: Interaction,
    identity: AuthenticatedIdentity,
    decision: Extract<LoginOutcome, { kind: 'allow' }>,
  ): Promise<void> {
    const { provider, loginRecords } = this.deps;
    const params = interaction.params as Record<string, unknown>;
    const clientId = String(params.client_id);
    const accountId = decision.personId;

    const existing = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : undefined;
    const grant =
      existing && existing.accountId === accountId
        ? existing
        : new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(String(params.scope ?? 'openid'));
    const claimNames = requestedClaimNames(params);
    if (claimNames.length > 0) grant.addOIDCClaims(claimNames);
    const grantId = await grant.save();

    const now = new Date();
    await loginRecords.saveForGrant({
      grantId,
      interactionUid: interaction.uid,
      context: toLoginContext(identity, decision),
      authenticatedAt: now,
      expiresAt: new Date(now.getTime() + this.config.oidc.ttl.grant * 1000),
    });

    interaction.result = {
      login: {
        accountId,
        acr: identity.acr,
        amr: identity.amr,
        ts: identity.authenticatedAt ?? Math.floor(now.getTime() / 1000),
      },
      consent: { grantId },
    };
    // The policy audited the success (login.succeeded) when it allowed the login.
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    this.flowLogger.info(
      { interactionId: interaction.uid, clientId, method: identity.method },
      'login completed',
    );
    unbindBrowser(ctx, interaction.uid);
    sendOnward(ctx, interaction.returnTo);
  }

  async failLogin(ctx: Context, uid: string, code: ErrorCode, detail?: string): Promise<void> {
    const interaction = await findInteraction(this.deps.provider, uid);
    const clientId = String((interaction.params as Record<string, unknown>).client_id ?? '');
    const cancelled = code === 'login_cancelled';
    await this.audit.record({
      event: cancelled ? 'login.cancelled' : 'login.failed',
      clientId,
      method: methodOf(ctx.path),
      reason: code,
      ...(detail && { details: { detail } }),
    });
    if (cancelled) return this.finishWithError(ctx, interaction, code);
    const ref = this.logEnding(uid, code, detail);
    const lang = pickLanguage(ctx, uiLocalesOf(interaction));
    sendOnward(ctx, `/interaction/${uid}/failed?${new URLSearchParams({ code, ref, lang })}`);
  }

  /** Logs a failed or refused login with the error id its page will show. */
  private logEnding(uid: string, code: string, detail?: string): string {
    const errorId = newErrorId();
    this.flowLogger.warn(
      { errorId, interactionId: uid, errorCode: code, detail },
      'login ended without success',
    );
    return errorId;
  }

  /** Returns the browser to the client with an OAuth error (RFC 6749 4.1.2.1). */
  async finishWithError(ctx: Context, interaction: Interaction, code: ErrorCode): Promise<void> {
    interaction.result = {
      error: oauthErrorFor(code),
      error_description: errorCatalogue[code].description,
    };
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    unbindBrowser(ctx, interaction.uid);
    sendOnward(ctx, interaction.returnTo);
  }
}

/** The login method a route belongs to: /login/<method>/… (SAML: /login/saml, /saml/acs). */
function methodOf(path: string): string {
  if (path.startsWith('/saml/') || path.startsWith('/login/saml/')) return 'siths-federation';
  return /^\/login\/([\w-]+)\//.exec(path)?.[1] ?? 'unknown';
}

function uiLocalesOf(interaction: Interaction): string | undefined {
  const value = (interaction.params as Record<string, unknown>).ui_locales;
  return typeof value === 'string' ? value : undefined;
}

function personHashOf(audit: AuditLog, identity: AuthenticatedIdentity): string | undefined {
  const number =
    identity.personalIdentityNumber ??
    identity.coordinationNumber ??
    identity.asserted?.employeeHsaId;
  return number ? audit.hashPerson(number) : undefined;
}
