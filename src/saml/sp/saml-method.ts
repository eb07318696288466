import Router from '@koa/router';
import type { Context } from 'koa';
import { koaBody } from 'koa-body';
import type { SamlConfig } from '../../config/sections/saml.ts';
import type { LoginMethod, LoginMethodServices } from '../../login/login-method.ts';
import { validateSamlResponse } from '../validation/index.ts';
import type { ValidateSamlResponse } from '../validation/index.ts';
import { consumeResponse } from './acs.ts';
import { discover } from './discovery.ts';
import type { AllowedIdps } from './discovery.ts';
import { singleLogout } from './idp-logout.ts';
import type { OnIdpLogout } from './idp-logout.ts';
import { createSamlSp } from './saml-sp.ts';
import type { SamlSp } from './saml-sp.ts';
import { spPaths } from './sp-endpoints.ts';
import { startLogout } from './sp-logout.ts';
import type { SamlLogoutInput } from './sp-logout.ts';

export interface SamlMethodOptions {
  config: SamlConfig;
  /** The OIDC issuer; our entity id and ACS URL derive from it unless configured. */
  issuer: string;
  production?: boolean;
  /** Licence rules: the IdPs this login may use (entity ids); undefined means all. */
  allowedIdps?: AllowedIdps;
  /** IdP-initiated logout ended this SAML session: end the OIDC session, back-channel logout. */
  onIdpLogout?: OnIdpLogout;
  validateResponse?: ValidateSamlResponse;
  now?: () => Date;
}

export interface SamlLoginMethod extends LoginMethod {
  /** Resolves when metadata and keys are loaded (tests, readiness checks). */
  ready(): Promise<SamlSp>;
  startLogout(ctx: Context, input: SamlLogoutInput): Promise<void>;
}

/**
 * SITHS and other SAML federation logins ('siths-federation'): discovery page, signed
 * AuthnRequests, the ACS, SP metadata at `GET /saml/metadata`, and single logout.
 */
export function createSamlMethod(options: SamlMethodOptions): SamlLoginMethod {
  let sp: Promise<SamlSp> | undefined;
  const ready = () => {
    if (!sp) throw new Error('the SAML login method has no routes yet');
    return sp;
  };
  return {
    id: 'siths-federation',
    label: {
      sv: 'SITHS eller annan e-legitimation via federation',
      en: 'SITHS or other eID via federation',
    },
    startPath: spPaths.discovery,
    routes(services: LoginMethodServices): Router {
      sp ??= createSamlSp({
        config: options.config,
        issuer: options.issuer,
        production: options.production ?? services.config.env === 'production',
        store: services.store,
        logger: services.logger,
        audit: services.audit,
        validateResponse: options.validateResponse ?? validateSamlResponse,
        ...(options.now && { now: options.now }),
      });
      sp.catch((error: unknown) => services.logger.error({ err: error }, 'SAML SP did not start'));
      return samlRoutes(ready, services, options);
    },
    ready,
    async startLogout(ctx, input) {
      return startLogout(ctx, await ready(), input);
    },
    async close() {
      if (sp) await (await sp).trustList.close();
    },
  };
}

/** For the lead's end-session hook: SP-initiated SAML logout, then on to `returnTo`. */
export function startSamlLogout(
  method: SamlLoginMethod,
  ctx: Context,
  input: SamlLogoutInput,
): Promise<void> {
  return method.startLogout(ctx, input);
}

function samlRoutes(
  ready: () => Promise<SamlSp>,
  services: LoginMethodServices,
  options: SamlMethodOptions,
): Router {
  const router = new Router();
  const form = koaBody({
    urlencoded: true,
    json: false,
    multipart: false,
    text: false,
    formLimit: '512kb',
  });

  router.get(spPaths.metadata, async (ctx) => {
    ctx.type = 'application/samlmetadata+xml';
    ctx.body = (await ready()).metadataXml;
  });
  router.get(`${spPaths.discovery}/:uid`, async (ctx) =>
    discover(ctx, await ready(), services, options.allowedIdps),
  );
  router.post(spPaths.acs, form, async (ctx) => consumeResponse(ctx, await ready(), services));
  // SP-initiated logout has no route of its own: anyone knowing an interaction uid could
  // end that person's IdP session. The OIDC end-session flow calls startLogout directly.
  router.get(spPaths.slo, async (ctx) => singleLogout(ctx, await ready(), options.onIdpLogout));
  router.post(spPaths.slo, form, async (ctx) =>
    singleLogout(ctx, await ready(), options.onIdpLogout),
  );
  return router;
}
