import { createHash, randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { BrowserSession } from './browser-session.ts';
import { clientAssertion } from './client-assertion.ts';
import type { BenchClientWithKey } from './client-assertion.ts';

export interface LoginTarget {
  issuer: string;
  pool: Dispatcher;
  client: BenchClientWithKey;
  /** The login form the provider's interaction page offers, for interaction `uid`. */
  loginForm(uid: string): { path: string; form: Record<string, string> };
}

/**
 * One complete login as a browser and a relying party make it: authorization request with
 * PKCE S256 (RFC 7636 4.2), the interaction page, the login form, the resumed authorization
 * up to the code, and the code exchange with private_key_jwt. Throws unless tokens come back.
 */
export async function fullLogin(target: LoginTarget): Promise<void> {
  const { issuer, client } = target;
  const browser = new BrowserSession(issuer, target.pool);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorization = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });

  const started = await browser.get(`/auth?${authorization}`);
  const uid = /^(?:https?:\/\/[^/]+)?\/interaction\/([\w-]+)$/.exec(started.location ?? '')?.[1];
  if (!uid) throw new Error(`authorization did not start an interaction: ${started.status}`);
  const page = await browser.get(`/interaction/${uid}`);
  if (page.status !== 200) throw new Error(`interaction page: ${page.status}`);
  const { path, form } = target.loginForm(uid);
  const submitted = await browser.post(path, form);
  if (!submitted.location) throw new Error(`login not accepted: ${submitted.status}`);

  const callback = new URL(await browser.follow(submitted.location), issuer);
  const code = callback.searchParams.get('code');
  if (!code || callback.searchParams.get('state') !== state) {
    throw new Error(`no code at the redirect URI: ${callback.search.slice(0, 120)}`);
  }
  await exchangeCode(target, code, verifier);
}

async function exchangeCode(target: LoginTarget, code: string, verifier: string): Promise<void> {
  const tokenEndpoint = `${target.issuer}/token`;
  const response = await request(tokenEndpoint, {
    method: 'POST',
    dispatcher: target.pool,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: target.client.redirectUri,
      code_verifier: verifier,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion(target.client, tokenEndpoint),
    }).toString(),
  });
  const tokens = (await response.body.json()) as { id_token?: string; error?: string };
  if (response.statusCode !== 200 || !tokens.id_token) {
    throw new Error(`code exchange: ${response.statusCode} ${tokens.error ?? ''}`);
  }
}
