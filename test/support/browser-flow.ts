import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { DemoStack } from './demo-stack.ts';
import type { TestChromium } from './chromium.ts';

export type UiLanguage = 'sv' | 'en';

export interface DemoResult {
  idToken: Record<string, unknown>;
  userinfo: Record<string, unknown>;
}

/** Opens the demo service, presses "log in" and waits for Brygga's method chooser. */
export async function openChooser(
  page: Page,
  stack: DemoStack,
  language: UiLanguage,
): Promise<string> {
  await page.goto(`${stack.demoUrl}/?lang=${language}`);
  await page.click(`a.button[href="/login?lang=${language}"]`);
  await page.waitForURL(`${stack.issuer}/interaction/**`);
  const uid = new URL(page.url()).pathname.split('/')[2];
  assert.ok(uid, 'the chooser URL names the interaction');
  assert.equal(await page.locator('html').getAttribute('lang'), language);
  return uid;
}

/**
 * After the eID step: answers the commission choice page when the person has several,
 * then reads the decoded ID token and UserInfo the demo service shows.
 */
export async function finishAtDemo(
  page: Page,
  stack: DemoStack,
  browser: TestChromium,
  language: UiLanguage,
  screenshotPrefix?: string,
): Promise<DemoResult> {
  await page.waitForURL(
    (url) =>
      url.href.startsWith(`${stack.demoUrl}/callback`) ||
      /\/interaction\/[^/]+\/(choose|refused|failed)$/.test(url.pathname),
  );
  if (/\/(refused|failed)$/.test(new URL(page.url()).pathname)) {
    assert.fail(`the login ended at ${page.url()}: ${await page.textContent('main')}`);
  }
  if (page.url().startsWith(stack.issuer)) {
    if (screenshotPrefix) await browser.screenshot(page, `${screenshotPrefix}-choice`);
    await page.click('form.choice button[type="submit"]');
    await page.waitForURL(`${stack.demoUrl}/callback**`);
  }
  await page.locator('#id-token, p.message').first().waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), language, 'the demo page language');
  const failure = await page.locator('p.message').count();
  assert.equal(failure, 0, `the demo service shows an error: ${await page.textContent('main')}`);
  const idToken = JSON.parse((await page.locator('#id-token').textContent()) ?? 'null');
  const userinfo = JSON.parse((await page.locator('#userinfo').textContent()) ?? 'null');
  if (screenshotPrefix) await browser.screenshot(page, `${screenshotPrefix}-result`);
  return { idToken, userinfo };
}

/** CSP reports Chromium wrote to the console (an inline script or style on our pages). */
export function cspViolations(browser: TestChromium): string[] {
  return browser.problems.filter((problem) => /Content Security Policy/i.test(problem));
}

/** Posts JSON to a simulator's phone API and returns its JSON answer. */
export async function phoneApi<T>(url: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const answer = (await response.json()) as T;
  assert.equal(response.status, 200, `${url}: ${JSON.stringify(answer)}`);
  return answer;
}
