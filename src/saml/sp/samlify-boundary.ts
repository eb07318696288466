import * as samlify from 'samlify';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { IdpDescriptor } from '../metadata/idp-descriptor.ts';
import type { SpEndpoints } from './sp-endpoints.ts';
import type { SpKeyPair } from './sp-keys.ts';

const bindingUri = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;
const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export type SamlBinding = keyof typeof bindingUri;

/** A signed SAML message ready to send: a URL to redirect to, or a form to POST. */
export type OutgoingMessage =
  | { binding: 'redirect'; url: string }
  | {
      binding: 'post';
      url: string;
      field: 'SAMLRequest' | 'SAMLResponse';
      value: string;
      relayState?: string;
    };

export type MessageKind = 'authnRequest' | 'logoutRequest' | 'logoutResponse';

/** The IdP endpoint for a service, by our preferred binding, else the other one. */
export function pickEndpoint(
  endpoints: IdpDescriptor['ssoServices'],
  preferred: SamlBinding,
): { binding: SamlBinding; location: string } | undefined {
  for (const binding of [preferred, preferred === 'redirect' ? 'post' : 'redirect'] as const) {
    const endpoint = endpoints.find((candidate) => candidate.binding === bindingUri[binding]);
    if (endpoint) return { binding, location: endpoint.location };
  }
  return undefined;
}

/**
 * Signs and encodes a message we built ourselves with samlify's bindings (deflate and
 * detached signature for Redirect, enveloped signature for POST). Every samlify error
 * becomes a BryggaError here. We always sign: the peer is told it wants signed messages,
 * since samlify otherwise refuses to sign for an IdP whose metadata says it does not care.
 */
export function encodeSigned(
  kind: MessageKind,
  xml: string,
  id: string,
  destination: { binding: SamlBinding; location: string },
  sp: { endpoints: SpEndpoints; signingKey: SpKeyPair },
  relayState: string | undefined,
): OutgoingMessage {
  const endpoint = [{ Binding: bindingUri[destination.binding], Location: destination.location }];
  try {
    const serviceProvider = samlify.ServiceProvider({
      entityID: sp.endpoints.entityId,
      authnRequestsSigned: true,
      privateKey: sp.signingKey.privateKeyPem,
      signingCert: sp.signingKey.certificatePem,
      requestSignatureAlgorithm: rsaSha256,
      assertionConsumerService: [{ Binding: bindingUri.post, Location: sp.endpoints.acsUrl }],
      singleLogoutService: [{ Binding: bindingUri.redirect, Location: sp.endpoints.sloUrl }],
    });
    const peer = samlify.IdentityProvider({
      entityID: 'urn:brygga:peer',
      wantAuthnRequestsSigned: true,
      wantLogoutRequestSigned: true,
      wantLogoutResponseSigned: true,
      singleSignOnService: endpoint,
      singleLogoutService: endpoint,
    });
    const template = () => ({ id, context: xml });
    const options = { customTagReplacement: template, ...(relayState && { relayState }) };
    const context =
      kind === 'authnRequest'
        ? serviceProvider.createLoginRequest(peer, destination.binding, options)
        : kind === 'logoutRequest'
          ? serviceProvider.createLogoutRequest(peer, destination.binding, {}, options)
          : serviceProvider.createLogoutResponse(
              peer,
              { extract: {} },
              destination.binding,
              options,
            );
    if (destination.binding === 'redirect') return { binding: 'redirect', url: context.context };
    return {
      binding: 'post',
      url: destination.location,
      field: kind === 'logoutResponse' ? 'SAMLResponse' : 'SAMLRequest',
      value: context.context,
      ...(relayState && { relayState }),
    };
  } catch (cause) {
    throw new BryggaError('internal', `cannot sign the SAML ${kind}`, { cause });
  }
}
