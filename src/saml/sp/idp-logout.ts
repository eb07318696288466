import type { Context } from 'koa';
import { StoreReplayCache } from '../validation/replay-cache.ts';
import { BryggaError, isBryggaError } from '../../errors/brygga-error.ts';
import { renderErrorPage, newErrorId } from '../../web/error-page.ts';
import { pickLanguage } from '../../web/language.ts';
import type { IdpDescriptor } from '../metadata/idp-descriptor.ts';
import {
  attribute,
  childElements,
  firstChild,
  ns,
  parseSamlXml,
  textOf,
} from '../metadata/xml-dom.ts';
import { toPem, verifyRootSignature } from '../metadata/xml-signature.ts';
import { newMessageId } from './authn-request.ts';
import { logoutResponseXml } from './logout-messages.ts';
import { peekRedirectXml, readSignedRedirect } from './redirect-binding.ts';
import { encodeSigned, pickEndpoint } from './samlify-boundary.ts';
import type { SamlSp } from './saml-sp.ts';
import { sendMessage } from './send-message.ts';
import { refOf } from './session-store.ts';
import type { SamlSessionRef } from './session-store.ts';
import { pendingLogouts } from './sp-logout.ts';
import { activeKey } from './sp-keys.ts';

export type OnIdpLogout = (session: SamlSessionRef) => Promise<void>;

interface VerifiedMessage {
  root: Element;
  idp: IdpDescriptor;
  relayState?: string;
}

/**
 * `/saml/slo` (Redirect or POST): a LogoutRequest from the IdP ends the matching sessions
 * (found by NameID and SessionIndex) and is answered with a signed LogoutResponse; a
 * LogoutResponse to our own request sends the browser on. Unsigned or badly signed
 * messages are refused and audited.
 */
export async function singleLogout(ctx: Context, sp: SamlSp, onIdpLogout?: OnIdpLogout) {
  let message: VerifiedMessage;
  try {
    message = await verifiedMessage(ctx, sp);
    if (message.root.localName === 'LogoutRequest') {
      await assertAddressedFreshUnused(sp, message);
    } else if (message.root.localName !== 'LogoutResponse') {
      throw new BryggaError('saml_invalid', 'not a logout message');
    }
  } catch (error) {
    const rule = isBryggaError(error) ? error.message : 'logout message unreadable';
    sp.logger.warn({ rule }, 'SAML logout message refused');
    await sp.audit.record({
      event: 'saml.rejected',
      method: 'siths-federation',
      reason: 'logout_refused',
      details: { rule },
    });
    return showRefusal(ctx);
  }
  if (message.root.localName === 'LogoutResponse') return finishOwnLogout(ctx, sp, message);
  return answerIdpLogout(ctx, sp, message, onIdpLogout);
}

async function verifiedMessage(ctx: Context, sp: SamlSp): Promise<VerifiedMessage> {
  const form = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
  const posted = typeof form.SAMLRequest === 'string' ? form.SAMLRequest : form.SAMLResponse;
  const claimed =
    ctx.method === 'GET'
      ? peekRedirectXml(ctx.querystring)
      : Buffer.from(typeof posted === 'string' ? posted : '', 'base64').toString('utf8');
  const issuer = textOf(
    firstChild(parseSamlXml(claimed, 'logout message').documentElement, ns.saml, 'Issuer'),
  );
  const idp = await sp.trustList.resolve(issuer);
  if (!idp) throw new BryggaError('saml_invalid', 'logout from an IdP we do not trust');

  if (ctx.method === 'GET') {
    const redirect = readSignedRedirect(
      ctx.querystring,
      idp.signingCertificates,
      sp.config.allowSha1,
    );
    const root = parseSamlXml(redirect.xml, 'logout message').documentElement;
    return {
      root,
      idp,
      ...(redirect.relayState !== undefined && { relayState: redirect.relayState }),
    };
  }
  const document = verifyRootSignature(claimed, {
    trustedCertificates: idp.signingCertificates.map(toPem),
    allowSha1: sp.config.allowSha1,
    what: 'logout message',
  });
  const relayState = typeof form.RelayState === 'string' ? form.RelayState : undefined;
  return { root: document.documentElement, idp, ...(relayState !== undefined && { relayState }) };
}

async function answerIdpLogout(
  ctx: Context,
  sp: SamlSp,
  message: VerifiedMessage,
  onIdpLogout: OnIdpLogout | undefined,
): Promise<void> {
  const { root, idp } = message;
  const now = sp.now();
  const nameId = textOf(firstChild(root, ns.saml, 'NameID'));
  const sessionIndexes = childElements(root, ns.samlp, 'SessionIndex').map(textOf);
  const sessions = await sp.sessions.byNameId(idp.entityId, nameId, sessionIndexes, now);
  let status: 'Success' | 'PartialLogout' = 'Success';
  for (const session of sessions) {
    await sp.sessions.end(session.id, now);
    try {
      await onIdpLogout?.(refOf(session));
    } catch (error) {
      status = 'PartialLogout';
      sp.logger.error({ err: error, samlSessionId: session.id }, 'ending the OIDC session failed');
    }
  }
  sp.logger.info(
    { idp: idp.entityId, sessions: sessions.length, status },
    'SAML IdP-initiated logout',
  );

  const endpoint = pickEndpoint(idp.sloServices, 'redirect');
  if (!endpoint) {
    ctx.status = 204;
    return;
  }
  const id = newMessageId();
  const xml = logoutResponseXml({
    id,
    issuer: sp.endpoints.entityId,
    destination: endpoint.location,
    inResponseTo: attribute(root, 'ID') ?? '',
    status,
    now,
  });
  const signingKey = activeKey(sp.keys.signing);
  sendMessage(
    ctx,
    encodeSigned(
      'logoutResponse',
      xml,
      id,
      endpoint,
      { endpoints: sp.endpoints, signingKey },
      message.relayState,
    ),
  );
}

/** TODO(saml-slo): the IdP's LogoutResponse status is not inspected; the browser moves on. */
async function finishOwnLogout(ctx: Context, sp: SamlSp, message: VerifiedMessage) {
  const inResponseTo = attribute(message.root, 'InResponseTo') ?? '';
  const pending = await pendingLogouts(sp).findOne({
    id: inResponseTo,
    idpEntityId: message.idp.entityId,
    expiresAt: { $gt: sp.now() },
  });
  if (pending) await pendingLogouts(sp).deleteOne({ id: inResponseTo });
  ctx.redirect(pending?.returnTo ?? '/');
}

function showRefusal(ctx: Context): void {
  const language = pickLanguage(ctx);
  const messages = {
    sv: 'Utloggningsbegäran kunde inte godtas.',
    en: 'The logout request could not be accepted.',
  };
  ctx.status = 400;
  ctx.type = 'html';
  ctx.body = renderErrorPage({
    language,
    code: 'saml_invalid',
    message: messages[language],
    errorId: newErrorId(),
  });
}

const maxLogoutAgeSeconds = 300;

/** Signed LogoutRequests must name us (SAML bindings 3.4.5.2, 3.5.5.2), be fresh and unused. */
async function assertAddressedFreshUnused(sp: SamlSp, message: VerifiedMessage): Promise<void> {
  if (attribute(message.root, 'Destination') !== sp.endpoints.sloUrl) {
    throw new BryggaError('saml_invalid', 'not a LogoutRequest for us');
  }
  await assertFreshAndUnused(sp, message.root, message.idp.entityId, sp.now());
}

/** IssueInstant within the allowed age and skew; each request ID is accepted once. */
async function assertFreshAndUnused(
  sp: SamlSp,
  root: Element,
  idpEntityId: string,
  now: Date,
): Promise<void> {
  const issued = Date.parse(attribute(root, 'IssueInstant') ?? '');
  const skew = sp.config.clockSkewSeconds * 1000;
  if (
    Number.isNaN(issued) ||
    issued > now.getTime() + skew ||
    issued < now.getTime() - maxLogoutAgeSeconds * 1000 - skew
  ) {
    throw new BryggaError('saml_invalid', 'LogoutRequest is not fresh');
  }
  const id = attribute(root, 'ID');
  const expiresAt = new Date(issued + (maxLogoutAgeSeconds * 1000 + skew) * 2);
  if (
    !id ||
    !(await new StoreReplayCache(sp.store).remember(`slo:${idpEntityId}:${id}`, expiresAt, now))
  ) {
    throw new BryggaError('saml_invalid', 'LogoutRequest replayed');
  }
}
