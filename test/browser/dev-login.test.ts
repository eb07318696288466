import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { refusalMessage } from '../../src/interaction/login-messages.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { cspViolations, finishAtDemo, openChooser } from '../support/browser-flow.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { DemoStack } from '../support/demo-stack.ts';

const skip = chromiumSkipReason();
const refusal = refusalMessage('declaration_missing_or_expired');

describe('Development test login in Chromium', { skip }, () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  test('a registered person ends on the demo page with claims', { timeout: 60_000 }, async () => {
    const browser = await launchChromium('sv-SE');
    try {
      const page = await browser.newPage();
      await openChooser(page, stack, 'sv');
      await page.click('a.method-dev');
      await page.getByLabel(/Bertil Berg/).check();
      await browser.screenshot(page, 'dev-sv-people');
      await page.click('form button.button');

      const result = await finishAtDemo(page, stack, browser, 'sv', 'dev-sv');
      assert.equal(result.userinfo.name, 'Bertil Berg');
      assert.equal(
        result.idToken['https://id.oidc.se/claim/personalIdentityNumber'],
        '197505039896',
      );
      assert.deepEqual(result.idToken.amr, ['dev']);
      assert.ok(
        result.idToken['https://id.oidc.se/claim/orgNumber'] ??
          result.userinfo['https://id.oidc.se/claim/orgNumber'],
      );
      assert.deepEqual(cspViolations(browser), [], 'no CSP violation on any page');
    } finally {
      await browser.close();
    }
  });

  test(
    'an expired self-declaration: refusal page in Swedish, then English',
    { timeout: 60_000 },
    async () => {
      const browser = await launchChromium('sv-SE');
      try {
        const page = await browser.newPage();
        const uid = await openChooser(page, stack, 'sv');
        await page.click('a.method-dev');
        await page.getByLabel(/David Dahl/).check();
        await page.click('form button.button');

        await page.waitForURL(`${stack.issuer}/interaction/${uid}/refused**`);
        const rule = new URL(page.url()).searchParams.get('rule');
        assert.equal(rule, 'declaration_missing_or_expired');
        assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
        const swedish = (await page.textContent('p.message')) ?? '';
        assert.equal(swedish.trim(), refusal.sv);
        assert.match(swedish, /självdeklaration/);
        await browser.screenshot(page, 'refusal-sv');

        const english = new URL(page.url());
        english.searchParams.set('lang', 'en');
        await page.goto(english.href);
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
        const inEnglish = (await page.textContent('p.message')) ?? '';
        assert.equal(inEnglish.trim(), refusal.en);
        assert.match(inEnglish, /self-declaration/);
        assert.match((await page.textContent('h1')) ?? '', /could not be completed/);
        await browser.screenshot(page, 'refusal-en');

        // Back to the service: the client gets access_denied (OIDC Core 3.1.2.6).
        await page.click('form[action$="/abort"] button');
        await page.waitForURL(`${stack.demoUrl}/callback**`);
        assert.equal(new URL(page.url()).searchParams.get('error'), 'access_denied');
        assert.match((await page.textContent('p.message')) ?? '', /access_denied/);
        assert.deepEqual(cspViolations(browser), [], 'no CSP violation on any page');
      } finally {
        await browser.close();
      }
    },
  );
});
