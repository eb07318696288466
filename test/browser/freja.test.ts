import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { cspViolations, finishAtDemo, openChooser, phoneApi } from '../support/browser-flow.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { DemoStack } from '../support/demo-stack.ts';

const skip = chromiumSkipReason();
// Fredrik Frisk has a coordination number and works where Freja eID+ is allowed.
const fredrik = '199001619882';

describe('Freja eID+ in Chromium: demo service, chooser, QR page, phone, claims', { skip }, () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  test('login approved on the simulated phone (English)', { timeout: 90_000 }, async () => {
    const browser = await launchChromium('en-GB');
    try {
      const page = await browser.newPage();
      const uid = await openChooser(page, stack, 'en');
      await browser.screenshot(page, 'freja-en-chooser');

      await page.click('a.method-freja');
      await page.waitForURL(`${stack.issuer}/login/freja/${uid}**`);
      assert.match((await page.textContent('h1')) ?? '', /Freja/);
      const sameDevice = page.locator('#freja-same-device');
      await sameDevice.waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const image = document.getElementById('freja-qr') as HTMLImageElement | null;
        return Boolean(image && !image.hidden && image.complete && image.naturalWidth > 0);
      });
      await browser.screenshot(page, 'freja-en-qr');

      // The phone gets the app link the same-device button carries (the QR code's content).
      const appLink = await sameDevice.getAttribute('href');
      assert.match(appLink ?? '', /^frejaeid:\/\/bindUserToTransaction\?transactionReference=/);
      const phone = `${stack.frejaPhoneUrl}/phone/api`;
      await phoneApi(`${phone}/scan`, { reference: appLink, ssn: fredrik });
      const approved = await phoneApi<{ status: string }>(`${phone}/approve`, {
        reference: appLink,
        ssn: fredrik,
      });
      assert.equal(approved.status, 'APPROVED');

      const result = await finishAtDemo(page, stack, browser, 'en', 'freja-en');
      assert.equal(result.userinfo.given_name, 'Fredrik');
      assert.equal(result.userinfo.family_name, 'Frisk');
      assert.equal(result.idToken['https://id.oidc.se/claim/coordinationNumber'], fredrik);
      assert.deepEqual(result.idToken.amr, ['freja']);
      assert.deepEqual(cspViolations(browser), [], 'no CSP violation on any page');
    } finally {
      await browser.close();
    }
  });
});
