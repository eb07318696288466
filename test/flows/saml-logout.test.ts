import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { pino } from 'pino';
import { assembleLoginMethods } from '../../src/startup/login-methods.ts';
import type { AssembledMethods } from '../../src/startup/login-methods.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { FlowBrowser } from '../support/flow-browser.ts';
import type { FlowResponse } from '../support/flow-browser.ts';
import {
  backToClient,
  beginLogin,
  client,
  openChooser,
  redeem,
  scopes,
} from '../support/flow-client.ts';
import type { StartedLogin } from '../support/flow-client.ts';
import { registerConfidentialClient } from '../support/relying-party.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { storesUnderTest } from '../support/store.ts';

/**
 * SAML single logout through `npm start`'s wiring (src/startup/login-methods.ts): an
 * IdP-initiated LogoutRequest ends Brygga's OIDC session and the relying parties' tokens
 * (SAML profiles 4.4.4, OIDC Back-Channel Logout 2.5); RP-initiated logout after a SAML
 * login sends the browser to the IdP with a LogoutRequest (SAML profiles 4.4.3).
 */
for (const storeUnderTest of storesUnderTest()) {
  describe(`SAML single logout, npm start wiring (${storeUnderTest.name} store)`, () => {
    let store: DocumentStore;
    let assembled: AssembledMethods | undefined;
    let brygga: RunningBrygga;
    let idpUrl: string;
    const logoutTokens: string[] = [];
    const backchannel = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
        response.end();
      });
    });

    before(async () => {
      await new Promise<void>((resolve) => backchannel.listen(0, '127.0.0.1', resolve));
      store = await storeUnderTest.open();
      brygga = await startBrygga(store, {
        overrides: {
          oidc: { allowPrivateNetworkFetch: true },
          saml: { enabled: true, simulator: { enabled: true, port: 0 } },
        },
        methods: async (config) => {
          assembled = await assembleLoginMethods(config, pino({ level: 'silent' }));
          return assembled.methods;
        },
      });
      assembled?.connect(brygga);
      idpUrl = assembled?.simulators['SAML IdP'] ?? '';
      assert.ok(idpUrl, 'the SAML IdP simulator was started from configuration');
    });
    after(async () => {
      await brygga.stop();
      await assembled?.close();
      backchannel.close();
    });

    async function registerRp(clientId: string) {
      const port = (backchannel.address() as AddressInfo).port;
      return registerConfidentialClient(brygga, clientId, {
        scope: `${scopes.person} offline_access`,
        backchannel_logout_uri: `http://127.0.0.1:${port}/backchannel`,
        backchannel_logout_session_required: true,
      });
    }

    /** Chooser → Brygga's AuthnRequest → the simulator answers for Anna → Brygga's ACS. */
    async function samlLogin(browser: FlowBrowser, login: StartedLogin) {
      const { uid } = await openChooser(browser, brygga.issuer, login);
      const idp = encodeURIComponent(`${idpUrl}/idp`);
      const sent = await browser.get(`${brygga.issuer}/login/saml/${uid}?idp=${idp}`);
      const redirectUrl = sent.headers.get('location') ?? '';
      assert.ok(redirectUrl.startsWith(`${idpUrl}/sso?SAMLRequest=`), redirectUrl);
      const answer = (await postJson(`${idpUrl}/control/respond`, {
        redirectUrl,
        personId: 'inera-anna',
      })) as { samlResponse: string; relayState: string };
      const acs = await browser.post(`${brygga.issuer}/saml/acs`, {
        SAMLResponse: answer.samlResponse,
        RelayState: answer.relayState,
      });
      const { tokens, idToken } = await redeem(
        login,
        await backToClient(browser, brygga.issuer, acs),
      );
      return { uid, tokens, idToken };
    }

    function begin(config: client.Configuration, prompt: string) {
      return beginLogin(config, { scope: `${scopes.person} offline_access`, prompt });
    }

    test('IdP-initiated logout ends the session, its tokens and SSO; a replay is refused', async () => {
      const config = await registerRp('saml-slo-rp');
      const browser = new FlowBrowser();
      const { uid, tokens, idToken } = await samlLogin(
        browser,
        await begin(config, 'login consent'),
      );
      assert.ok(tokens.refresh_token, 'offline_access gave a refresh token');
      const silentBefore = await browser.follow(
        (await begin(config, 'none')).authorizationUrl.href,
        brygga.issuer,
      );
      assert.ok(new URL(silentBefore.url).searchParams.get('code'), 'SSO works before logout');

      const session = await store
        .collection<{ interactionUid: string; nameId: string; sessionIndex?: string }>(
          'saml_sessions',
        )
        .findOne({ interactionUid: uid });
      assert.ok(session, 'the SAML session was recorded for the login');
      const { samlRequest } = (await postJson(`${idpUrl}/control/logout-request`, {
        nameId: session.nameId,
        sessionIndex: session.sessionIndex,
      })) as { samlRequest: string };

      const answered = await browser.post(`${brygga.issuer}/saml/slo`, {
        SAMLRequest: samlRequest,
      });
      const status = logoutResponseStatus(answered, `${idpUrl}/slo`);
      assert.equal(status, 'urn:oasis:names:tc:SAML:2.0:status:Success');

      await waitFor(() => logoutTokens.length > 0);
      assert.equal(logoutTokens.length, 1, 'one back-channel logout to the client');
      const logoutToken = decodeJwt(logoutTokens[0]!);
      assert.equal(logoutToken.sub, idToken.sub);
      assert.equal(logoutToken.sid, idToken.sid);
      assert.ok(
        (logoutToken.events as Record<string, unknown>)[
          'http://schemas.openid.net/event/backchannel-logout'
        ],
      );

      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false);
      await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), {
        error: 'invalid_grant',
      });
      const silent = await browser.follow(
        (await begin(config, 'none')).authorizationUrl.href,
        brygga.issuer,
      );
      const callback = new URL(silent.url);
      assert.equal(callback.searchParams.get('code'), null, 'no SSO after the IdP logout');
      assert.equal(callback.searchParams.get('error'), 'login_required');

      const replayed = await browser.post(`${brygga.issuer}/saml/slo`, {
        SAMLRequest: samlRequest,
      });
      assert.equal(replayed.status, 400, 'the same LogoutRequest is accepted once');
      assert.equal(logoutTokens.length, 1);
      assert.match(replayed.headers.get('content-type') ?? '', /html/, 'a readable page');
    });

    test('RP-initiated logout after a SAML login goes on to the IdP with a LogoutRequest', async () => {
      const config = await registerRp('saml-rp-logout');
      const browser = new FlowBrowser();
      const { uid, tokens } = await samlLogin(browser, await begin(config, 'login consent'));
      const endSession = client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: 'https://rp.example/',
        state: 'bye',
      });
      const prompt = await (await browser.get(endSession.href)).text();
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(prompt)?.[1];
      assert.ok(xsrf, 'logout confirmation form');
      const confirmed = await browser.post(`${brygga.issuer}/session/end/confirm`, {
        xsrf,
        logout: 'yes',
      });

      // The simulator's metadata lists SingleLogoutService at /slo (Redirect binding).
      assert.equal(confirmed.status, 303);
      const location = new URL(confirmed.headers.get('location') ?? '');
      assert.equal(`${location.origin}${location.pathname}`, `${idpUrl}/slo`);
      const request = inflateRawSync(
        Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
      ).toString('utf8');
      assert.match(request, /<(\w+:)?LogoutRequest[\s>]/);
      assert.match(request, new RegExp(`Destination="${idpUrl}/slo"`));
      assert.ok(location.searchParams.get('Signature'), 'the Redirect binding request is signed');
      const session = await store
        .collection<{ interactionUid: string; nameId: string }>('saml_sessions')
        .findOne({ interactionUid: uid });
      assert.ok(session && request.includes(`>${session.nameId}</`), 'NameID of the login');
    });
  });
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `${url}: ${response.status}`);
  return response.json();
}

/** The signed LogoutResponse sent to the IdP by the Redirect binding: its top StatusCode. */
function logoutResponseStatus(answer: FlowResponse, sloUrl: string): string | undefined {
  const location = new URL(answer.headers.get('location') ?? 'about:blank');
  assert.equal(`${location.origin}${location.pathname}`, sloUrl, `${answer.status}`);
  const xml = inflateRawSync(
    Buffer.from(location.searchParams.get('SAMLResponse') ?? '', 'base64'),
  ).toString('utf8');
  assert.match(xml, /<(\w+:)?LogoutResponse[\s>]/);
  return /<(?:\w+:)?StatusCode Value="([^"]+)"/.exec(xml)?.[1];
}

/** Back-channel logout is sent after the IdP's request is answered; wait, bounded. */
async function waitFor(condition: () => boolean, attempts = 100): Promise<void> {
  for (let attempt = 0; attempt < attempts && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
