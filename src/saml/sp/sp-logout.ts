import type { Context } from 'koa';
import type { DocumentCollection } from '../../store/document-store.ts';
import { newMessageId } from './authn-request.ts';
import { logoutRequestXml } from './logout-messages.ts';
import { encodeSigned, pickEndpoint } from './samlify-boundary.ts';
import type { SamlSp } from './saml-sp.ts';
import { sendMessage } from './send-message.ts';
import { activeKey } from './sp-keys.ts';

export interface SamlLogoutInput {
  /** The login whose SAML session ends (the interaction uid the OIDC session came from). */
  interactionUid: string;
  /** Where the browser goes when the IdP has answered (or at once, without an IdP session). */
  returnTo: string;
}

/** A LogoutRequest we sent (collection `saml_logout_requests`). */
export interface PendingLogout extends Record<string, unknown> {
  id: string;
  idpEntityId: string;
  returnTo: string;
  expiresAt: Date;
}

export function pendingLogouts(sp: SamlSp): DocumentCollection<PendingLogout> {
  return sp.store.collection<PendingLogout>('saml_logout_requests');
}

/**
 * SP-initiated single logout (SAML profiles 4.4): ends our record of the IdP session and
 * sends the browser to the IdP with a signed LogoutRequest; `/saml/slo` takes the answer.
 */
export async function startLogout(ctx: Context, sp: SamlSp, input: SamlLogoutInput): Promise<void> {
  const now = sp.now();
  const session = await sp.sessions.byInteraction(input.interactionUid, now);
  const idp = session && (await sp.trustList.resolve(session.idpEntityId));
  const destination = idp && pickEndpoint(idp.sloServices, 'redirect');
  if (session) await sp.sessions.end(session.id, now);
  if (!session || !idp || !destination) {
    ctx.redirect(input.returnTo);
    return;
  }
  const id = newMessageId();
  const xml = logoutRequestXml({
    id,
    issuer: sp.endpoints.entityId,
    destination: destination.location,
    nameId: session.nameId,
    ...(session.nameIdFormat && { nameIdFormat: session.nameIdFormat }),
    ...(session.sessionIndex && { sessionIndex: session.sessionIndex }),
    now,
  });
  const message = encodeSigned(
    'logoutRequest',
    xml,
    id,
    destination,
    { endpoints: sp.endpoints, signingKey: activeKey(sp.keys.signing) },
    id,
  );
  await pendingLogouts(sp).insertOne({
    id,
    idpEntityId: idp.entityId,
    returnTo: input.returnTo,
    expiresAt: new Date(now.getTime() + sp.config.requestTtlSeconds * 1000),
  });
  sp.logger.info({ idp: idp.entityId, requestId: id }, 'SAML LogoutRequest sent');
  sendMessage(ctx, message);
}
