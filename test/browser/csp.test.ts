import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Response } from 'playwright-core';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { cspViolations, openChooser } from '../support/browser-flow.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { DemoStack } from '../support/demo-stack.ts';

const skip = chromiumSkipReason();

describe('Content Security Policy on the chooser, QR and refusal pages', { skip }, () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  test(
    'no inline scripts, the policy is sent, its scripts run, nothing is refused',
    { timeout: 90_000 },
    async () => {
      const browser = await launchChromium('sv-SE');
      try {
        const page = await browser.newPage();
        const documents = recordBryggaDocuments(page, stack);

        const uid = await openChooser(page, stack, 'sv');
        await assertNoInlineScript(page);
        const chooserPolicy = policyOf(documents, `/interaction/${uid}`);
        assert.match(chooserPolicy, /script-src 'self'(;|$)/);
        assert.doesNotMatch(chooserPolicy, /unsafe-inline|unsafe-eval/);

        await page.click('a.method-bankid');
        await page.waitForURL(`${stack.issuer}/login/bankid/${uid}**`);
        await assertNoInlineScript(page);
        assert.doesNotMatch(policyOf(documents, `/login/bankid/${uid}`), /unsafe-inline/);
        // static/bankid.js runs under the policy: it moves the QR image on every second.
        const firstSrc = await page.getAttribute('#bankid-qr', 'src');
        await page.waitForFunction(
          (src) => document.getElementById('bankid-qr')?.getAttribute('src') !== src,
          firstSrc,
          { timeout: 2500 },
        );
        // Cancelling goes straight back to the service (RFC 6749 4.1.2.1 access_denied).
        await page.click('#bankid form button');
        await page.waitForURL(`${stack.demoUrl}/callback**`);
        assert.equal(new URL(page.url()).searchParams.get('error'), 'access_denied');

        const refusedUid = await openChooser(page, stack, 'sv');
        await page.click('a.method-dev');
        await page.getByLabel(/David Dahl/).check();
        await page.click('form button.button');
        await page.waitForURL(`${stack.issuer}/interaction/${refusedUid}/refused**`);
        await assertNoInlineScript(page);
        assert.doesNotMatch(
          policyOf(documents, `/interaction/${refusedUid}/refused`),
          /unsafe-inline/,
        );

        assert.deepEqual(cspViolations(browser), [], 'no CSP violation on any page');

        // The console check can fail: the same policy on a page with an inline script.
        await page.route(`${stack.issuer}/csp-probe`, (route) =>
          route.fulfill({
            contentType: 'text/html',
            headers: { 'content-security-policy': chooserPolicy },
            body: '<!doctype html><title>probe</title><script>document.title = "ran"</script>',
          }),
        );
        await page.goto(`${stack.issuer}/csp-probe`);
        await page.waitForTimeout(200);
        assert.equal(await page.title(), 'probe', 'the inline script was blocked');
        assert.equal(cspViolations(browser).length, 1, 'and the violation was seen');
      } finally {
        await browser.close();
      }
    },
  );
});

/** Brygga's HTML documents as they arrived, with their headers. */
function recordBryggaDocuments(page: Page, stack: DemoStack): Response[] {
  const documents: Response[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() === 'document' && response.url().startsWith(stack.issuer)) {
      documents.push(response);
    }
  });
  return documents;
}

function policyOf(documents: Response[], path: string): string {
  const found = documents.find((response) => new URL(response.url()).pathname === path);
  assert.ok(found, `no document ${path} was loaded`);
  const policy = found.headers()['content-security-policy'];
  assert.ok(policy, `${path} has a Content-Security-Policy`);
  return policy;
}

async function assertNoInlineScript(page: Page): Promise<void> {
  const inline = await page.locator('script:not([src])').count();
  assert.equal(inline, 0, `${page.url()} has an inline script`);
  const handlers = await page.evaluate(
    () =>
      [...document.querySelectorAll('*')].filter((element) =>
        [...element.attributes].some((attribute) => attribute.name.startsWith('on')),
      ).length,
  );
  assert.equal(handlers, 0, `${page.url()} has inline event handlers`);
}
