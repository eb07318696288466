import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { ErrorCode } from '../../errors/codes.ts';
import type { LoginMethodServices } from '../../login/login-method.ts';
import { pickLanguage } from '../../web/language.ts';
import { newErrorId, renderErrorPage } from '../../web/error-page.ts';
import type { IdpDescriptor } from '../metadata/idp-descriptor.ts';
import { StoreReplayCache } from '../validation/replay-cache.ts';
import type { SamlValidationPolicy } from '../validation/index.ts';
import type { StoredAuthnRequest } from './request-store.ts';
import type { SamlSp } from './saml-sp.ts';

const cancelStatus = 'http://id.elegnamnden.se/status/1.0/cancel';
/** How long we remember a SAML session for single logout. */
const sessionLifetimeMs = 12 * 3600_000;

/**
 * `POST /saml/acs`. The POST comes cross-site, so the login is found from RelayState (the
 * interaction uid) and the AuthnRequest stored for it, never from a cookie; the response
 * must answer exactly that request, from the IdP it went to, which must still be trusted.
 */
export async function consumeResponse(ctx: Context, sp: SamlSp, services: LoginMethodServices) {
  const form = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
  const samlResponse = typeof form.SAMLResponse === 'string' ? form.SAMLResponse : '';
  const uid = typeof form.RelayState === 'string' ? form.RelayState : '';
  if (!samlResponse || !uid)
    return showError(ctx, sp, 'bad_request', 'missing SAMLResponse or RelayState');
  try {
    await services.loadInteractionByUid(uid);
  } catch {
    return showError(ctx, sp, 'interaction_expired', 'no login for RelayState');
  }

  const now = sp.now();
  const pending = await sp.requests.latestFor(uid, now);
  if (!pending) return refuse(ctx, sp, services, uid, 'no_pending_request');
  const idp = await sp.trustList.resolve(pending.idpEntityId);
  if (!idp) return refuse(ctx, sp, services, uid, 'idp_not_trusted', pending.idpEntityId);

  const result = await sp.validateResponse(
    { binding: 'post', samlResponse },
    policyFor(sp, pending, idp, now),
  );
  if (result.verdict === 'reject') {
    if (result.status?.subCodes.includes(cancelStatus)) {
      sp.logger.info({ interactionUid: uid, idp: idp.entityId }, 'SAML login cancelled at the IdP');
      return services.failLogin(ctx, uid, 'login_cancelled', 'cancelled at the identity provider');
    }
    return refuse(ctx, sp, services, uid, result.rule, idp.entityId, result.detail);
  }

  const { assertion } = result;
  const skewMs = sp.config.clockSkewSeconds * 1000;
  // SC-DEPLOY: after ForceAuthn the authentication must be newer than our request.
  if (
    pending.forceAuthn &&
    assertion.authnInstant.getTime() < pending.issuedAt.getTime() - skewMs
  ) {
    return refuse(ctx, sp, services, uid, 'authn_not_fresh', idp.entityId);
  }
  if (!(await sp.requests.markAnswered(pending.id, now))) {
    return refuse(ctx, sp, services, uid, 'request_already_answered', idp.entityId);
  }
  await sp.sessions.save({
    id: randomUUID(),
    interactionUid: uid,
    idpEntityId: idp.entityId,
    nameId: assertion.nameId.value,
    ...(assertion.nameId.format && { nameIdFormat: assertion.nameId.format }),
    ...(assertion.sessionIndex && { sessionIndex: assertion.sessionIndex }),
    createdAt: now,
    expiresAt: new Date(now.getTime() + sessionLifetimeMs),
  });
  sp.logger.info(
    { interactionUid: uid, idp: idp.entityId, assertionId: assertion.id },
    'SAML login accepted',
  );
  await services.completeLogin(ctx, uid, {
    ...assertion.identity,
    method: 'siths-federation',
    authnProvider: assertion.identity.authnProvider || idp.entityId,
    // The Issuer the validation pinned, not the AuthenticatingAuthority the IdP names.
    assertingParty: {
      entityId: idp.entityId,
      hsaAuthority: sp.config.hsaAuthorities.includes(idp.entityId),
    },
    // OIDC Core 2: auth_time is when the person authenticated, at the IdP.
    authenticatedAt: Math.floor(assertion.authnInstant.getTime() / 1000),
  });
}

function policyFor(
  sp: SamlSp,
  pending: StoredAuthnRequest,
  idp: IdpDescriptor,
  now: Date,
): SamlValidationPolicy {
  return {
    audience: sp.endpoints.entityId,
    recipient: sp.endpoints.acsUrl,
    idp: { entityId: idp.entityId, signingCertificates: idp.signingCertificates },
    decryptionKeys: sp.keys.encryption.map((key) => key.privateKeyPem),
    allowSha1: sp.config.allowSha1,
    clockSkewSeconds: sp.config.clockSkewSeconds,
    allowedAcr: pending.acrValues,
    findRequest: async (inResponseTo) =>
      inResponseTo === pending.id
        ? { id: pending.id, idpEntityId: pending.idpEntityId, issuedAt: pending.issuedAt }
        : null,
    replayCache: new StoreReplayCache(sp.store),
    now,
  };
}

async function refuse(
  ctx: Context,
  sp: SamlSp,
  services: LoginMethodServices,
  uid: string,
  rule: string,
  idpEntityId?: string,
  detail?: string,
): Promise<void> {
  sp.logger.warn({ interactionUid: uid, idp: idpEntityId, rule, detail }, 'SAML response refused');
  await sp.audit.record({
    event: 'saml.rejected',
    method: 'siths-federation',
    reason: rule,
    details: {
      interactionUid: uid,
      ...(idpEntityId && { idp: idpEntityId }),
      ...(detail && { detail }),
    },
  });
  await services.failLogin(ctx, uid, 'saml_invalid', rule);
}

/** No login to return to: a readable page, never a stack trace. */
function showError(ctx: Context, sp: SamlSp, code: ErrorCode, why: string): void {
  const errorId = newErrorId();
  sp.logger.warn({ errorId, code, why }, 'SAML response without a usable login');
  const language = pickLanguage(ctx);
  const messages = {
    sv:
      'Inloggningen kunde inte kopplas till någon pågående inloggning. ' +
      'Börja om från tjänsten.',
    en:
      'The login could not be matched to a login in progress. ' +
      'Please start again from the service.',
  };
  ctx.status = 400;
  ctx.type = 'html';
  ctx.body = renderErrorPage({ language, code, message: messages[language], errorId });
}
