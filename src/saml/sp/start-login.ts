import type { Context } from 'koa';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { LoginInteraction } from '../../login/login-method.ts';
import type { IdpDescriptor } from '../metadata/idp-descriptor.ts';
import { authnRequestXml, newMessageId } from './authn-request.ts';
import { sendMessage } from './send-message.ts';
import { encodeSigned, pickEndpoint } from './samlify-boundary.ts';
import type { SamlSp } from './saml-sp.ts';
import { activeKey } from './sp-keys.ts';

/**
 * Sends the browser to the IdP with a signed AuthnRequest and stores the request, bound to
 * this login, so the ACS accepts only an answer to it. RelayState is the interaction uid.
 */
export async function startSamlLogin(
  ctx: Context,
  sp: SamlSp,
  interaction: LoginInteraction,
  idp: IdpDescriptor,
): Promise<void> {
  const destination = pickEndpoint(idp.ssoServices, sp.config.sp.requestBinding);
  if (!destination) throw new BryggaError('method_not_available', 'the IdP has no SSO endpoint');
  const now = sp.now();
  const acrValues =
    interaction.requestedAcrValues.length > 0
      ? interaction.requestedAcrValues
      : sp.config.sp.defaultAcrValues;
  const id = newMessageId();
  const xml = authnRequestXml(
    {
      spEntityId: sp.endpoints.entityId,
      acsUrl: sp.endpoints.acsUrl,
      destination: destination.location,
      acrValues,
      forceAuthn: interaction.forceAuthentication,
      now,
    },
    id,
  );
  const message = encodeSigned(
    'authnRequest',
    xml,
    id,
    destination,
    { endpoints: sp.endpoints, signingKey: activeKey(sp.keys.signing) },
    interaction.uid,
  );
  await sp.requests.save({
    id,
    interactionUid: interaction.uid,
    idpEntityId: idp.entityId,
    acrValues,
    forceAuthn: interaction.forceAuthentication,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + sp.config.requestTtlSeconds * 1000),
  });
  sp.logger.info(
    { interactionUid: interaction.uid, idp: idp.entityId, requestId: id, binding: message.binding },
    'SAML AuthnRequest sent',
  );
  sendMessage(ctx, message);
}
