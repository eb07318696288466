import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestBrowser } from '../support/browser.ts';
import { client, loginInBrowser, registerConfidentialClient } from '../support/relying-party.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { storesUnderTest } from '../support/store.ts';

/**
 * Security review: a deactivated person, or one whose care provider's licence was
 * suspended, kept refreshing tokens, reading UserInfo and getting codes by prompt=none for
 * the grant's lifetime. findAccount now re-runs the operator's rules on every such use.
 */
const scope =
  'openid offline_access https://id.oidc.se/scope/naturalPersonInfo ' +
  'https://id.oidc.se/scope/naturalPersonNumber';
/** Demo staff (src/domain/seed-data.ts) as the development login lists them. */
const eva = { key: 'demo-4', number: '196911229836' };
const cecilia = { key: 'demo-2', number: '198503159819' };

for (const storeUnderTest of storesUnderTest()) {
  describe(`grants and sessions follow the operator's rules (${storeUnderTest.name} store)`, () => {
    let brygga: RunningBrygga;
    before(async () => {
      brygga = await startBrygga(await storeUnderTest.open());
    });
    after(() => brygga.stop());

    async function authorize(config: client.Configuration, prompt: string) {
      const codeVerifier = client.randomPKCECodeVerifier();
      const url = await client.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: 'https://rp.example/callback',
        scope,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        prompt,
      });
      return { url, codeVerifier };
    }

    async function loginAs(person: { key: string }, clientId: string) {
      const config = await registerConfidentialClient(brygga, clientId);
      const browser = new TestBrowser();
      const { url, codeVerifier } = await authorize(config, 'login consent');
      const callback = await loginInBrowser(browser, brygga.issuer, url, person.key);
      return { config, browser, callback, codeVerifier };
    }

    async function silently(config: client.Configuration, browser: TestBrowser): Promise<URL> {
      const { url } = await authorize(config, 'none');
      return new URL((await browser.follow(url.href, brygga.issuer)).url);
    }

    async function userinfoStatus(accessToken: string) {
      const response = await fetch(`${brygga.issuer}/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      return { status: response.status, challenge: response.headers.get('www-authenticate') };
    }

    async function deactivate(identityNumber: string) {
      const person = await brygga.domain.staff.findByIdentityNumber(identityNumber);
      assert.ok(person);
      const engagements = person.engagements.map((e) => ({ ...e, active: false }));
      const { personalIdentityNumber, givenName, familyName } = person;
      await brygga.domain.staff.update(
        person.personId,
        person.version,
        { personalIdentityNumber, givenName, familyName, engagements },
        'test',
      );
    }

    async function refusalsOf(identityNumber: string) {
      const events = await brygga.audit.query({
        personHash: brygga.audit.hashPerson(identityNumber),
      });
      return events.filter((event) => event.event === 'login.refused').map((e) => e.reason);
    }

    test('deactivated: refresh invalid_grant, UserInfo invalid_token, prompt=none login_required', async () => {
      const { config, browser, callback, codeVerifier } = await loginAs(eva, 'reval-deactivated');
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: codeVerifier,
      });
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      assert.equal((await userinfoStatus(refreshed.access_token)).status, 200);
      assert.ok((await silently(config, browser)).searchParams.get('code'), 'SSO works before');

      await deactivate(eva.number);

      await assert.rejects(client.refreshTokenGrant(config, refreshed.refresh_token!), {
        error: 'invalid_grant',
      });
      const userinfo = await userinfoStatus(refreshed.access_token);
      assert.equal(userinfo.status, 401);
      assert.match(userinfo.challenge ?? '', /error="invalid_token"/);
      const silent = await silently(config, browser);
      assert.equal(silent.searchParams.get('error'), 'login_required', silent.href);
      assert.equal(silent.searchParams.get('code'), null);

      const refusals = await refusalsOf(eva.number);
      assert.ok(refusals.length >= 3, `refresh, UserInfo and prompt=none audited: ${refusals}`);
      assert.ok(refusals.every((reason) => reason === 'revalidation:not_registered'));
    });

    test('licence suspended between login and code exchange: invalid_grant', async () => {
      const { config, callback, codeVerifier } = await loginAs(cecilia, 'reval-licence');
      const pharmacy = await brygga.domain.careProviders.findByOrgNumber('5569990004');
      assert.ok(pharmacy);
      for (const licence of await brygga.domain.licences.listForCareProvider(pharmacy.id)) {
        const { careProviderId, validFrom, validTo, seats, allowedMethods } = licence;
        await brygga.domain.licences.update(
          licence.id,
          licence.version,
          { careProviderId, validFrom, validTo, seats, allowedMethods, status: 'suspended' },
          'test',
        );
      }

      await assert.rejects(
        client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: codeVerifier }),
        { error: 'invalid_grant' },
      );
      assert.deepEqual(await refusalsOf(cecilia.number), ['revalidation:licence_inactive']);
    });
  });
}
