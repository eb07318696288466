import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import Router from '@koa/router';
import { importJWK } from 'jose';
import type { JWK } from 'jose';
import * as client from 'openid-client';
import type { Logger } from '../log/logger.ts';
import { html, page } from '../web/html.ts';
import { pickLanguage } from '../web/language.ts';
import type { Language } from '../web/language.ts';

const staticFolder = fileURLToPath(new URL('../../static', import.meta.url));
const keyFile = fileURLToPath(
  new URL('../../config/development/demo-rp.private.jwk.json', import.meta.url),
);
const scope = [
  'openid',
  'https://id.oidc.se/scope/naturalPersonInfo',
  'https://id.oidc.se/scope/naturalPersonNumber',
  'https://id.oidc.se/scope/naturalPersonOrgId',
  'healthcare',
].join(' ');

interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** The page language chosen before the login; the callback URL carries none. */
  language: Language;
}

/**
 * The demo relying party (development only): starts a login with the seeded `demo-rp`
 * client (PAR, PKCE, private_key_jwt) and shows the decoded ID token and UserInfo.
 */
export async function startDemoRelyingParty(options: {
  issuer: string;
  port: number;
  logger: Logger;
}): Promise<{ url: string; server: Server }> {
  const url = `http://localhost:${options.port}`;
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const key = await importJWK(jwk, 'ES256');
  let configuration: client.Configuration | undefined;
  const discover = async () =>
    (configuration ??= await client.discovery(
      new URL(options.issuer),
      'demo-rp',
      { userinfo_signed_response_alg: 'ES256' },
      client.PrivateKeyJwt({ key: key as CryptoKey, kid: jwk.kid }),
      { execute: [client.allowInsecureRequests] },
    ));
  const pending = new Map<string, PendingLogin>();
  const router = new Router();

  router.get('/', (ctx) => {
    const language = pickLanguage(ctx);
    ctx.type = 'html';
    ctx.body = homePage(language);
  });

  router.get('/login', async (ctx) => {
    const config = await discover();
    const login = {
      codeVerifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      language: pickLanguage(ctx),
    };
    const id = randomBytes(16).toString('base64url');
    pending.set(id, login);
    ctx.cookies.set('demo_login', id, { httpOnly: true, sameSite: 'lax', maxAge: 600_000 });
    const claims: Record<string, string> =
      typeof ctx.query.claims === 'string' ? { claims: ctx.query.claims } : {};
    const authorizationUrl = await client.buildAuthorizationUrlWithPAR(config, {
      redirect_uri: `${url}/callback`,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
      ui_locales: login.language,
      ...claims,
    });
    ctx.redirect(authorizationUrl.href);
  });

  router.get('/callback', async (ctx, next) => {
    // The language switch on the result page comes back here without a code.
    if (!ctx.query.code && !ctx.query.error) return ctx.redirect(`/?lang=${pickLanguage(ctx)}`);
    return next();
  });

  router.get('/callback', async (ctx) => {
    const id = ctx.cookies.get('demo_login') ?? '';
    const login = pending.get(id);
    const language = login?.language ?? pickLanguage(ctx);
    pending.delete(id);
    ctx.type = 'html';
    if (!login) {
      ctx.body = resultPage(language, { error: 'No login in progress' });
      return;
    }
    try {
      const config = await discover();
      const currentUrl = new URL(ctx.originalUrl, url);
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
      });
      const idToken = tokens.claims();
      const userinfo = await client.fetchUserInfo(
        config,
        tokens.access_token,
        idToken?.sub ?? client.skipSubjectCheck,
      );
      ctx.body = resultPage(language, { idToken, userinfo, idTokenRaw: tokens.id_token });
    } catch (error) {
      const description = (error as { error_description?: string; error?: string })
        .error_description;
      const code = (error as { error?: string }).error ?? (error as Error).message;
      ctx.body = resultPage(language, { error: description ? `${code}: ${description}` : code });
    }
  });

  router.get('/logout', async (ctx) => {
    const config = await discover();
    const idTokenHint =
      typeof ctx.query.id_token_hint === 'string' ? ctx.query.id_token_hint : undefined;
    ctx.redirect(
      client.buildEndSessionUrl(config, {
        post_logout_redirect_uri: `${url}/`,
        ...(idTokenHint && { id_token_hint: idTokenHint }),
      }).href,
    );
  });

  const app = new Koa();
  app.use(mount('/static', serve(staticFolder)));
  app.use(router.routes());
  const server = app.listen(options.port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  options.logger.info({ url }, 'demo relying party');
  return { url, server };
}

const texts = {
  sv: {
    title: 'Demotjänst',
    lead: 'En påhittad vårdtjänst som loggar in via Brygga.',
    login: 'Logga in',
    commission: 'Logga in med förvalt uppdrag (claims-parametern)',
    again: 'Logga in igen',
    logout: 'Logga ut',
    idToken: 'ID-token',
    userinfo: 'UserInfo',
    failed: 'Inloggningen gav ett fel',
  },
  en: {
    title: 'Demo service',
    lead: 'A made-up healthcare service that logs in through Brygga.',
    login: 'Log in',
    commission: 'Log in with a pre-selected commission (claims parameter)',
    again: 'Log in again',
    logout: 'Log out',
    idToken: 'ID token',
    userinfo: 'UserInfo',
    failed: 'The login returned an error',
  },
};

const preselectedCommission = JSON.stringify({
  id_token: { 'http://sambi.se/attributes/1/commissionHsaId': { value: 'SE2321999993-UPP01' } },
});

function homePage(language: Language): string {
  const t = texts[language];
  return page({
    title: t.title,
    language,
    body: html`<h1>${t.title}</h1>
      <p>${t.lead}</p>
      <p><a class="button" href="/login?lang=${language}">${t.login}</a></p>
      <p>
        <a
          class="button secondary"
          href="/login?lang=${language}&amp;claims=${encodeURIComponent(preselectedCommission)}"
          >${t.commission}</a
        >
      </p>`,
  });
}

function resultPage(
  language: Language,
  result: { idToken?: unknown; userinfo?: unknown; idTokenRaw?: string; error?: string },
): string {
  const t = texts[language];
  const body = result.error
    ? html`<h1>${t.failed}</h1>
        <p class="message"><code>${result.error}</code></p>`
    : html`<h1>${t.title}</h1>
        <h2>${t.idToken}</h2>
        <pre id="id-token">${JSON.stringify(result.idToken, null, 2)}</pre>
        <h2>${t.userinfo}</h2>
        <pre id="userinfo">${JSON.stringify(result.userinfo, null, 2)}</pre>
        <p>
          <a class="button secondary" href="/logout?id_token_hint=${result.idTokenRaw ?? ''}"
            >${t.logout}</a
          >
        </p>`;
  return page({
    title: t.title,
    language,
    body: html`${body}
      <p><a class="button" href="/login?lang=${language}">${t.again}</a></p>`,
  });
}
