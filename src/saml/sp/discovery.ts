import type { Context } from 'koa';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { LoginInteraction, LoginMethodServices } from '../../login/login-method.ts';
import type { IdpDescriptor } from '../metadata/idp-descriptor.ts';
import { discoveryPage } from './discovery-page.ts';
import type { SamlSp } from './saml-sp.ts';
import { startSamlLogin } from './start-login.ts';

/** Narrows the IdPs a login may use (licence rules); undefined means all. */
export type AllowedIdps = (interactionUid: string) => Promise<string[] | undefined>;

const rememberCookie = 'brygga_saml_idp';
const oneYearMs = 365 * 86_400_000;

/**
 * `GET /login/saml/:uid`: the IdP the client named (OIDC Sweden authnProvider) or the one
 * picked on this page starts the login; otherwise the page, with the browser's last choice
 * or, for SITHS, Inera preselected.
 */
export async function discover(
  ctx: Context,
  sp: SamlSp,
  services: LoginMethodServices,
  allowedIdps: AllowedIdps | undefined,
): Promise<void> {
  const interaction = await services.loadInteraction(ctx);
  if (interaction.uid !== ctx.params.uid) throw new BryggaError('interaction_expired');
  const idps = await offered(sp, interaction, allowedIdps);

  const named = interaction.requestedAuthnProvider;
  if (named) {
    const idp = idps.find((candidate) => candidate.entityId === named);
    if (!idp) {
      return services.failLogin(
        ctx,
        interaction.uid,
        'method_not_available',
        'authnProvider not offered',
      );
    }
    return startSamlLogin(ctx, sp, interaction, idp);
  }

  const chosen = typeof ctx.query.idp === 'string' ? ctx.query.idp : undefined;
  if (chosen) {
    const idp = idps.find((candidate) => candidate.entityId === chosen);
    if (!idp) throw new BryggaError('bad_request', 'Choose one of the listed identity providers');
    ctx.cookies.set(rememberCookie, idp.entityId, {
      httpOnly: true,
      sameSite: 'lax',
      maxAge: oneYearMs,
      path: '/login/saml',
      signed: false,
    });
    return startSamlLogin(ctx, sp, interaction, idp);
  }

  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = discoveryPage(interaction.uid, idps, preselect(ctx, sp, idps), interaction.language);
}

async function offered(
  sp: SamlSp,
  interaction: LoginInteraction,
  allowedIdps: AllowedIdps | undefined,
): Promise<IdpDescriptor[]> {
  const all = sp.trustList.list();
  const allowed = allowedIdps ? await allowedIdps(interaction.uid) : undefined;
  return allowed ? all.filter((idp) => allowed.includes(idp.entityId)) : all;
}

function preselect(ctx: Context, sp: SamlSp, idps: IdpDescriptor[]): string | undefined {
  const remembered = ctx.cookies.get(rememberCookie, { signed: false });
  if (remembered && idps.some((idp) => idp.entityId === remembered)) return remembered;
  if (!sp.config.preferIneraForSiths) return undefined;
  return idps.find((idp) => sp.config.ineraEntityIds.includes(idp.entityId))?.entityId;
}
