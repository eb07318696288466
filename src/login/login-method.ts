import type Router from '@koa/router';
import type { Context } from 'koa';
import type { BryggaConfig } from '../config/schema.ts';
import type { ErrorCode } from '../errors/codes.ts';
import type { Logger } from '../log/logger.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AuthenticatedIdentity, LoginMethodId } from './authenticated-identity.ts';
import type { Language } from '../web/language.ts';

/** What a login method learns about the OIDC request it serves. */
export interface LoginInteraction {
  /** The oidc-provider interaction uid; also the key of the method's flow state. */
  uid: string;
  clientId: string;
  /** `prompt=login` or `max_age` asked for a fresh authentication (SAML ForceAuthn). */
  forceAuthentication: boolean;
  /** acr values the client accepts (from the claims parameter or acr_values), if any. */
  requestedAcrValues: string[];
  /** OIDC Sweden `https://id.oidc.se/param/authnProvider`, when the client named one. */
  requestedAuthnProvider?: string;
  loginHint?: string;
  language: Language;
}

/** Services the bridge hands to every login method. */
export interface LoginMethodServices {
  config: BryggaConfig;
  store: DocumentStore;
  logger: Logger;
  audit: AuditLog;
  /**
   * The interaction bound to this browser (by oidc-provider's interaction cookie).
   * Throws BryggaError('interaction_expired') when there is none.
   */
  loadInteraction(ctx: Context): Promise<LoginInteraction>;
  /**
   * Loads an interaction by uid, for routes reached without the interaction cookie (the
   * cross-site SAML POST). Throws interaction_expired when unknown or expired.
   */
  loadInteractionByUid(uid: string): Promise<LoginInteraction>;
  /**
   * The person has authenticated: runs the operator's login rules, then returns the
   * browser to the OIDC flow (or to a refusal or choice page). Always ends the response:
   * a 303 redirect, or for a request that accepts JSON but not HTML (a status poll),
   * `{ "next": "<url>" }` for the page's script to navigate to.
   */
  completeLogin(ctx: Context, uid: string, identity: AuthenticatedIdentity): Promise<void>;
  /**
   * The login failed: a page telling the person why, then access_denied to the client.
   * With code 'login_cancelled' the browser returns to the client at once. Ends the
   * response like completeLogin (redirect, or `{ "next": url }` for JSON requests).
   */
  failLogin(ctx: Context, uid: string, code: ErrorCode, detail?: string): Promise<void>;
}

/** A way to log in, offered on the method chooser page. */
export interface LoginMethod {
  id: LoginMethodId;
  label: { sv: string; en: string };
  /** Where the chooser sends the browser: `${startPath}/${uid}`. */
  startPath: string;
  /**
   * The OIDC Sweden authnProvider values this method serves, so a client that names one
   * (https://id.oidc.se/param/authnProvider) skips the chooser. SAML serves every IdP
   * entity id it trusts and decides itself; `'*'` says so.
   */
  authnProviders?: string[] | '*';
  /** Routes for this method, mounted at the bridge's root. */
  routes(services: LoginMethodServices): Router;
  /** Background work to stop on shutdown (pollers, refreshers). */
  close?(): Promise<void>;
}
