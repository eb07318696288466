import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { cspViolations, finishAtDemo, openChooser } from '../support/browser-flow.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { DemoStack } from '../support/demo-stack.ts';

const skip = chromiumSkipReason();
const sambi = 'http://sambi.se/attributes/1/';

describe('SITHS via federation in Chromium: cross-site POST to the ACS', { skip }, () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  test(
    'Inera-style person through the IdP simulator on another site',
    { timeout: 90_000 },
    async () => {
      // 127.0.0.1 and localhost are different sites: the IdP's POST is cross-site, so
      // Chromium withholds Brygga's SameSite=Lax cookies from it.
      assert.equal(new URL(stack.samlIdpUrl).hostname, '127.0.0.1');
      assert.equal(new URL(stack.issuer).hostname, 'localhost');

      const browser = await launchChromium('sv-SE');
      try {
        const page = await browser.newPage();
        const uid = await openChooser(page, stack, 'sv');
        await page.click('a.method-siths-federation');
        await page.waitForURL(`${stack.issuer}/login/saml/${uid}**`);
        await browser.screenshot(page, 'saml-sv-discovery');
        await page.click('form.saml-discovery button');

        await page.waitForURL(`${stack.samlIdpUrl}/**`);
        await page.check('input[name="person"][value="inera-anna"]');
        await browser.screenshot(page, 'saml-sv-idp');
        await page.click('button[name="action"][value="login"]');

        const result = await finishAtDemo(page, stack, browser, 'sv', 'saml-sv');
        const acsPosts = stack.bryggaRequests.filter(
          (request) => request.method === 'POST' && request.path === '/saml/acs',
        );
        assert.equal(acsPosts.length, 1, 'one SAMLResponse was posted to the ACS');
        const { headers } = acsPosts[0]!;
        assert.equal(headers.origin, new URL(stack.samlIdpUrl).origin);
        assert.equal(headers['sec-fetch-site'], 'cross-site');
        const laxCookies = (await browser.context.cookies(stack.issuer))
          .filter((cookie) => cookie.sameSite !== 'None')
          .map((cookie) => cookie.name);
        assert.ok(laxCookies.length > 0, 'Brygga keeps SameSite cookies in this browser');
        const sent = (headers.cookie ?? '').split(/;\s*/).map((pair) => pair.split('=')[0]);
        assert.deepEqual(
          sent.filter((name) => name && laxCookies.includes(name)),
          [],
          'no SameSite cookie reached the ACS',
        );

        assert.equal(result.userinfo.given_name, 'Anna');
        assert.equal(result.userinfo.family_name, 'Andersson');
        assert.deepEqual(result.idToken.amr, ['siths']);
        assert.equal(
          result.idToken['https://id.oidc.se/claim/personalIdentityNumber'],
          '198006129863',
        );
        assert.match(String(result.idToken[`${sambi}employeeHsaId`]), /^SE2321999993-/);
        assert.match(String(result.idToken[`${sambi}commissionHsaId`]), /^SE2321999993-/);
        assert.ok(result.idToken[`${sambi}healthCareProviderHsaId`], 'care provider claim');
        assert.deepEqual(cspViolations(browser), [], 'no CSP violation on any page');
      } finally {
        await browser.close();
      }
    },
  );
});
