import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import mount from 'koa-mount';
import Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import { clientMetadata } from './client-assertion.ts';
import type { BenchClient } from './client-assertion.ts';

export interface RunningServer {
  issuer: string;
  /** What stores the provider's state, for the report. */
  store: string;
  stop(): Promise<void>;
}

const fixedAccount = 'bench-person';
const cookieKeys = ['bench-only-cookie-key-0000000000000000'];

/**
 * The baseline: oidc-provider as its README sets it up, with its in-memory adapter, the
 * benchmark client as a static client, PKCE required, and an interaction that logs in a
 * fixed account and grants `openid` as soon as its form is posted.
 */
export async function startBareProvider(client: BenchClient): Promise<RunningServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, bareConfiguration(client));
  // koa-mount runs the provider on this app's context: its cookies need the same keys.
  const app = new Koa({ keys: cookieKeys });
  app.use(interactionRoutes(provider).routes());
  app.use(mount(provider));
  server.on('request', app.callback());

  return {
    issuer,
    store: 'oidc-provider in-memory adapter',
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bareConfiguration(client: BenchClient): Configuration {
  return {
    clients: [clientMetadata(client) as unknown as NonNullable<Configuration['clients']>[number]],
    // The same key kinds Brygga creates: RSA 3072 for ID tokens, P-256 for signed UserInfo.
    jwks: { keys: [signingJwk('rsa', 'RS256'), signingJwk('ec', 'ES256')] },
    cookies: { keys: cookieKeys },
    pkce: { required: () => true },
    findAccount: async (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
    },
    // Brygga's default lifetimes (config/default.yaml), so both keep the same state around.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      Grant: 2_592_000,
      IdToken: 300,
      Interaction: 600,
      Session: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  };
}

function signingJwk(
  kind: 'rsa' | 'ec',
  alg: string,
): NonNullable<Configuration['jwks']>['keys'][0] {
  const { privateKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 3072 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: `bare-${alg}`,
    alg,
    use: 'sig',
  } as NonNullable<Configuration['jwks']>['keys'][0];
}

/** A trivial login: a page with one button; posting it logs in the fixed account. */
function interactionRoutes(provider: Provider): Router {
  const router = new Router();

  router.get('/interaction/:uid', async (ctx) => {
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = 'html';
    ctx.body =
      `<!doctype html><form method="post" action="/interaction/${interaction.uid}/login">` +
      '<button>Log in</button></form>';
  });

  router.post('/interaction/:uid/login', async (ctx) => {
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    const grant = new provider.Grant({
      accountId: fixedAccount,
      clientId: String(interaction.params.client_id),
    });
    grant.addOIDCScope('openid');
    const grantId = await grant.save();
    const next = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: fixedAccount }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(next);
  });

  return router;
}
