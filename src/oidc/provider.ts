import Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import type { BryggaConfig } from '../config/schema.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { LoginRecordRepository } from '../login/login-records.ts';
import type { LoginPolicy } from '../login/policy/index.ts';
import { StoreAdapter } from './adapter.ts';
import { pairwiseSubject, sectorOf } from './pairwise-subject.ts';
import { createFindAccount } from './find-account.ts';
import { interactionPolicy } from './interaction-policy.ts';
import type { ClaimsRelease } from './claims-release.ts';
import { createRenderError, renderLogoutPrompt, renderLoggedOut } from './provider-pages.ts';
import type { Logger } from '../log/logger.ts';
import { adminScope, clientMetadataExtensions } from './client-metadata.ts';
import { requireOpenidScope } from './openid-scope.ts';

export interface ProviderDependencies {
  config: BryggaConfig;
  store: DocumentStore;
  logger: Logger;
  jwks: { keys: Record<string, unknown>[] };
  loginRecords: LoginRecordRepository;
  claimsRelease: ClaimsRelease;
  /** Re-runs the operator's rules whenever a login's grant or session is used again. */
  loginPolicy: Pick<LoginPolicy, 'stillAllowed'>;
}

/** OIDC Sweden request parameter extensions (request-parameter-extensions 2.1, 2.2). */
export const authnProviderParam = 'https://id.oidc.se/param/authnProvider';
export const userMessageParam = 'https://id.oidc.se/param/userMessage';

/**
 * node-oidc-provider configured for the Swedish OIDC profile (domain.md §1): code flow
 * only, PKCE S256 for every client, private_key_jwt, signed UserInfo, pairwise `sub`,
 * ID tokens of at most five minutes, PAR and request objects.
 */
export function createProvider(deps: ProviderDependencies): Provider {
  const { config, store } = deps;
  const ttl = config.oidc.ttl;

  const configuration: Configuration = {
    adapter: (name: string) => new StoreAdapter(name, store),
    jwks: deps.jwks as Configuration['jwks'],
    cookies: {
      keys: config.secrets.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    findAccount: createFindAccount(deps.loginRecords, deps.claimsRelease, deps.loginPolicy),
    claims: deps.claimsRelease.scopeClaims as Configuration['claims'],
    // Scope claims reach the ID token too; ClaimsRelease decides per `use` what each carries
    // (OIDC Sweden claims specification 3: some scopes deliver in the ID token as well).
    conformIdTokenClaims: false,
    scopes: scopesOf(deps.claimsRelease.scopeClaims),
    acrValues: config.oidc.acrValues,
    responseTypes: ['code'],
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => {
      return pairwiseSubject(config.secrets.pairwiseSalt, sectorOf(client), accountId);
    },
    // OIDC Sweden profile 3.1.1.1: PKCE is required and only S256 is allowed.
    pkce: { required: () => true },
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'none'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'RS256',
      subject_type: 'pairwise',
    },
    extraClientMetadata: clientMetadataExtensions,
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'ES512'],
      idTokenSigningAlgValues: ['RS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256', 'ES256'],
      requestObjectSigningAlgValues: [
        'RS256',
        'RS384',
        'RS512',
        'PS256',
        'ES256',
        'ES384',
        'ES512',
      ],
    },
    extraParams: {
      [authnProviderParam]: null,
      [userMessageParam]: null,
      scope: requireOpenidScope,
    },
    ...(config.oidc.allowPrivateNetworkFetch && { fetch: fetchWithoutSsrfGuard }),
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      // A client may introspect or revoke only its own tokens (RFC 7662 4, RFC 7009 2.1).
      revocation: { enabled: true, allowedPolicy: ownTokensOnly },
      introspection: { enabled: true, allowedPolicy: ownTokensOnly },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      clientCredentials: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: renderLogoutPrompt,
        postLogoutSuccessSource: renderLoggedOut,
      },
    },
    ttl: {
      IdToken: ttl.idToken,
      AccessToken: ttl.accessToken,
      AuthorizationCode: ttl.authorizationCode,
      RefreshToken: ttl.refreshToken,
      Interaction: ttl.interaction,
      Session: ttl.session,
      Grant: ttl.grant,
      PushedAuthorizationRequest: ttl.pushedAuthorizationRequest,
      ClientCredentials: ttl.accessToken,
    },
    // Every refresh rotates the refresh token; reuse of a rotated one revokes the grant
    // (RFC 9700 4.14.2). Public clients could not be protected otherwise.
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    interactions: {
      policy: interactionPolicy(),
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    discovery: {
      claims_supported: deps.claimsRelease.claimsSupported,
      ui_locales_supported: ['sv', 'en'],
      claims_locales_supported: ['sv', 'en'],
      ...(config.oidc.serviceDocumentation && {
        service_documentation: config.oidc.serviceDocumentation,
      }),
      'https://id.oidc.se/disco/authnProviderSupported': true,
      'https://id.oidc.se/disco/userMessageSupported': false,
    },
    renderError: createRenderError(deps.logger),
  };

  const provider = new Provider(config.issuer, configuration);
  // Behind a TLS-terminating proxy the provider must see https (trusted proxies only).
  provider.proxy = config.http.trustedProxies.length > 0;
  return provider;
}

/** oidc-provider guards outbound fetches against private addresses with its dispatcher. */
const fetchWithoutSsrfGuard: Configuration['fetch'] = (url, options) => {
  const { dispatcher: _guard, ...rest } = options as RequestInit & { dispatcher?: unknown };
  return fetch(url, rest);
};

async function ownTokensOnly(
  _ctx: unknown,
  client: { clientId: string },
  token: { clientId?: string },
): Promise<boolean> {
  return token.clientId === client.clientId;
}

/** In oidc-provider's `claims` map a scope lists its claims; a standalone claim maps to null. */
function scopesOf(scopeClaims: ClaimsRelease['scopeClaims']): string[] {
  const scopes = Object.entries(scopeClaims)
    .filter(([, claims]) => Array.isArray(claims))
    .map(([scope]) => scope);
  // `admin` is known to the provider so that only clients whose `scope` lists it get it.
  return [...new Set(['openid', 'offline_access', ...scopes, adminScope])];
}
