import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import type { BankIdOrderDocument } from '../../src/connectors/bankid/order-repository.ts';
import { qrContent, secondsSince } from '../../src/connectors/bankid/qr-content.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import type { TestChromium } from '../support/chromium.ts';
import { cspViolations, finishAtDemo, openChooser, phoneApi } from '../support/browser-flow.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { DemoStack } from '../support/demo-stack.ts';

const skip = chromiumSkipReason();
const anna = '198006129863';
const titles = { sv: 'Logga in med BankID', en: 'Log in with BankID' };

describe('BankID in Chromium: demo service, chooser, animated QR, phone, claims', { skip }, () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.stop();
  });

  for (const language of ['sv', 'en'] as const) {
    test(`QR login in ${language}`, { timeout: 90_000 }, async () => {
      const browser = await launchChromium(language === 'sv' ? 'sv-SE' : 'en-GB');
      try {
        await loginWithQr(stack, browser, language);
      } finally {
        await browser.close();
      }
    });
  }
});

async function loginWithQr(stack: DemoStack, browser: TestChromium, language: 'sv' | 'en') {
  const page = await browser.newPage();
  const qrImages = recordQrImages(page);
  const uid = await openChooser(page, stack, language);
  await browser.screenshot(page, `bankid-${language}-chooser`);

  await page.click('a.method-bankid');
  await page.waitForURL(`${stack.issuer}/login/bankid/${uid}**`);
  assert.equal((await page.textContent('h1'))?.trim(), titles[language]);
  await waitForQrLoaded(page);
  const firstSrc = await page.getAttribute('#bankid-qr', 'src');
  await waitForNewQr(qrImages, 2500);
  assert.notEqual(await page.getAttribute('#bankid-qr', 'src'), firstSrc, 'the src moves on');
  await waitForQrLoaded(page);
  await browser.screenshot(page, `bankid-${language}-qr`);

  // The phone scans what the page shows: the displayed image must be the QR code of the
  // content computed for this order (the test reads the secret the server keeps).
  const order = await stack.store.collection<BankIdOrderDocument>('bankid_orders').findOne({ uid });
  assert.ok(order?.order && order.orderStartedAt, 'the BankID order is stored');
  const { qrStartToken, qrStartSecret } = order.order;
  const rendered = async (seconds: number) =>
    QRCode.toString(qrContent(qrStartToken, qrStartSecret, seconds), {
      type: 'svg',
      errorCorrectionLevel: 'L',
      margin: 2,
    });
  const elapsed = secondsSince(order.orderStartedAt, new Date());
  const expected = await Promise.all(
    Array.from({ length: elapsed + 2 }, (_, seconds) => rendered(seconds)),
  );
  assert.ok(
    qrImages.some((image) => expected.includes(image)),
    'the page shows the animated QR code of this order',
  );

  const scanned = await phoneApi<{ session: string; phase: string }>(
    `${stack.bankIdPhoneUrl}/phone/api/scan`,
    {
      qrData: qrContent(
        qrStartToken,
        qrStartSecret,
        secondsSince(order.orderStartedAt, new Date()),
      ),
      personalNumber: anna,
    },
  );
  assert.equal(scanned.phase, 'userSign');
  await phoneApi(`${stack.bankIdPhoneUrl}/phone/api/sessions/${scanned.session}/approve`, {});

  const result = await finishAtDemo(page, stack, browser, language, `bankid-${language}`);
  assert.equal(result.userinfo.given_name, 'Anna');
  assert.equal(result.userinfo.family_name, 'Andersson');
  assert.equal(result.idToken['https://id.oidc.se/claim/personalIdentityNumber'], anna);
  assert.equal(result.idToken.iss, stack.issuer);
  assert.equal(result.idToken.aud, 'demo-rp');
  assert.deepEqual(cspViolations(browser), [], 'no CSP violation on any page');
}

/** The SVG bodies the browser loaded for the QR image, in order. */
function recordQrImages(page: Page): string[] {
  const images: string[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.endsWith('/qr.svg') || !response.ok()) return;
    response.text().then(
      (body) => images.push(body),
      () => undefined,
    );
  });
  return images;
}

async function waitForQrLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const image = document.getElementById('bankid-qr') as HTMLImageElement | null;
    return Boolean(image?.complete && image.naturalWidth > 0);
  });
}

/** BankID RP API v6: the QR content changes every second, so a new image must arrive. */
async function waitForNewQr(images: string[], withinMs: number): Promise<void> {
  const first = images[0];
  assert.ok(first, 'a QR image was loaded');
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (images.some((image) => image !== first)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the QR image did not change within ${withinMs} ms`);
}
