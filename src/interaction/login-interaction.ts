import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { BryggaError } from '../errors/brygga-error.ts';
import type { LoginInteraction } from '../login/login-method.ts';
import { authnProviderParam } from '../oidc/provider.ts';
import type { Language } from '../web/language.ts';
import type { LoginRequest } from '../login/policy/index.ts';

/** Loads an unexpired interaction by uid, or throws interaction_expired. */
export async function findInteraction(provider: Provider, uid: string): Promise<Interaction> {
  const interaction = uid ? await provider.Interaction.find(uid) : undefined;
  if (!interaction || interaction.exp * 1000 <= Date.now()) {
    throw new BryggaError('interaction_expired');
  }
  return interaction;
}

/** The parts of an authorization request a login method needs (see LoginInteraction). */
export function describeInteraction(
  interaction: Interaction,
  language?: Language,
): LoginInteraction {
  const params = interaction.params as Record<string, unknown>;
  const prompts = new Set(String(params.prompt ?? '').split(' '));
  const uiLocales = String(params.ui_locales ?? '').split(' ');

  return {
    uid: interaction.uid,
    clientId: String(params.client_id ?? ''),
    // Sweden Connect OIDC profile 4.1: an absent prompt means prompt=login, so the upstream
    // IdP must authenticate afresh too (SAML ForceAuthn) unless the client sent prompt=none.
    forceAuthentication:
      prompts.has('login') || params.max_age !== undefined || params.prompt === undefined,
    requestedAcrValues: requestedAcrValues(params),
    ...(typeof params[authnProviderParam] === 'string' && {
      requestedAuthnProvider: params[authnProviderParam] as string,
    }),
    ...(typeof params.login_hint === 'string' && { loginHint: params.login_hint }),
    language: language ?? (uiLocales.includes('en') && !uiLocales.includes('sv') ? 'en' : 'sv'),
  };
}

/** acr values from the claims parameter (OIDC Core 5.5.1.1), else from acr_values. */
export function requestedAcrValues(params: Record<string, unknown>): string[] {
  const claims = parseClaims(params.claims);
  const acr = (claims.id_token as Record<string, { value?: string; values?: string[] }> | undefined)
    ?.acr;
  if (acr?.values) return acr.values;
  if (acr?.value) return [acr.value];
  return typeof params.acr_values === 'string' ? params.acr_values.split(' ').filter(Boolean) : [];
}

/** Whether the client marked acr essential: then an unmet level is an error, not a downgrade. */
export function acrIsEssential(params: Record<string, unknown>): boolean {
  const claims = parseClaims(params.claims);
  const acr = (claims.id_token as Record<string, { essential?: boolean }> | undefined)?.acr;
  return acr?.essential === true;
}

/** Names of every claim the client asked for by scope-independent `claims` parameter. */
export function requestedClaimNames(params: Record<string, unknown>): string[] {
  const claims = parseClaims(params.claims);
  const names = new Set<string>();
  for (const use of ['id_token', 'userinfo'] as const) {
    const entries = claims[use];
    if (entries && typeof entries === 'object')
      Object.keys(entries).forEach((name) => names.add(name));
  }
  return [...names];
}

/** The authorization request as the login policy reads it. */
export function loginRequestOf(params: Record<string, unknown>): LoginRequest {
  const claims = parseClaims(params.claims);
  return {
    clientId: String(params.client_id ?? ''),
    scope: String(params.scope ?? ''),
    ...(Object.keys(claims).length > 0 && { claims: claims as LoginRequest['claims'] }),
    ...(typeof params.login_hint === 'string' && { loginHint: params.login_hint }),
  };
}

function parseClaims(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string')
    return typeof raw === 'object' && raw ? (raw as Record<string, unknown>) : {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
