import assert from 'node:assert/strict';
import type { FlowBrowser, FlowResponse } from '../support/flow-browser.ts';
import type { BankIdPhone, FrejaPhone } from '../support/phone.ts';
import { readQrSvg } from '../support/qr-svg.ts';

/**
 * What the login pages' scripts (static/bankid.js, static/freja.js) do in a browser:
 * open the page, poll the status route, go where it says. Polling is bounded.
 */
export async function pollStatus(
  browser: FlowBrowser,
  statusUrl: string,
  until: (status: Record<string, unknown>) => boolean,
  attempts = 60,
): Promise<Record<string, unknown>> {
  let status: Record<string, unknown> = {};
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const response = await browser.get(statusUrl, { accept: 'application/json' });
    assert.equal(response.status, 200, `status poll: ${response.status}`);
    status = (await response.json()) as Record<string, unknown>;
    if (until(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no change at ${statusUrl}: ${JSON.stringify(status)}`);
}

/** Opens the BankID page, then the app on "this device" (autostart) as `personalNumber`. */
export async function openBankId(
  browser: FlowBrowser,
  issuer: string,
  uid: string,
  phone: BankIdPhone,
  personalNumber: string,
): Promise<string> {
  const page = await browser.get(`${issuer}/login/bankid/${uid}`);
  assert.equal(page.status, 200, await page.text());
  const launch = await browser.get(`${issuer}/login/bankid/${uid}/launch`);
  const location = launch.headers.get('location') ?? '';
  const token = /[?&]autostarttoken=([^&]+)/.exec(location)?.[1];
  assert.ok(token, `autostart link expected, got ${launch.status} ${location}`);
  return phone.autostart(decodeURIComponent(token), personalNumber);
}

/**
 * Opens the BankID page and scans its animated QR code with the phone: the image comes
 * from Brygga's QR route, as the page's script loads it, and is read like a camera would.
 */
export async function scanBankIdQr(
  browser: FlowBrowser,
  issuer: string,
  uid: string,
  phone: BankIdPhone,
  personalNumber: string,
): Promise<string> {
  const page = await browser.get(`${issuer}/login/bankid/${uid}`);
  assert.equal(page.status, 200, await page.text());
  const image = await browser.get(`${issuer}/login/bankid/${uid}/qr.svg?t=${Date.now()}`);
  assert.equal(image.headers.get('content-type'), 'image/svg+xml');
  const qrData = readQrSvg(await image.text());
  assert.match(qrData, /^bankid\.[0-9a-f-]{36}\.\d+\.[0-9a-f]{64}$/);
  return phone.scan(qrData, personalNumber);
}

/** Waits until BankID's order has ended and opens where the page script would go. */
export async function finishBankId(
  browser: FlowBrowser,
  issuer: string,
  uid: string,
): Promise<FlowResponse> {
  const status = await pollStatus(
    browser,
    `${issuer}/login/bankid/${uid}/status`,
    (answer) => typeof answer.next === 'string',
  );
  return browser.get(new URL(String(status.next), issuer).href);
}

/** A whole BankID login on this device: open, approve as `personalNumber`, finish. */
export async function loginWithBankId(
  browser: FlowBrowser,
  issuer: string,
  uid: string,
  phone: BankIdPhone,
  personalNumber: string,
): Promise<FlowResponse> {
  const session = await openBankId(browser, issuer, uid, phone, personalNumber);
  await phone.approve(session);
  return finishBankId(browser, issuer, uid);
}

/** A Freja eID+ login: the page, the app link from the status poll, scan and approve. */
export async function loginWithFreja(
  browser: FlowBrowser,
  issuer: string,
  uid: string,
  phone: FrejaPhone,
  ssn: string,
): Promise<FlowResponse> {
  const page = await browser.get(`${issuer}/login/freja/${uid}`);
  assert.equal(page.status, 200, await page.text());
  const statusUrl = `${issuer}/login/freja/${uid}/status`;
  const pending = await pollStatus(browser, statusUrl, (status) => Boolean(status.appLink));
  const appLink = String(pending.appLink);
  await phone.scan(appLink, ssn);
  await phone.approve(appLink, ssn);
  await pollStatus(browser, statusUrl, (status) => status.state !== 'pending');
  return browser.post(`${issuer}/login/freja/${uid}/finish`, {});
}

/**
 * The failure or refusal page Brygga sent the browser to (read in Swedish and, with
 * ?lang=en, in English), and the person pressing "back to the service" on it.
 */
export async function endedPageAndBack(
  browser: FlowBrowser,
  issuer: string,
  answer: FlowResponse,
): Promise<{ status: number; page: string; english: string; back: FlowResponse }> {
  const location = answer.headers.get('location');
  assert.ok(location, `expected a redirect to the ended page, got ${answer.status}`);
  const url = new URL(location, issuer);
  const ended = await browser.get(url.href);
  const page = await ended.text();
  url.searchParams.set('lang', 'en');
  const inEnglish = await browser.get(url.href);
  assert.equal(inEnglish.status, ended.status);
  const english = await inEnglish.text();

  const action = /<form method="post" action="([^"]+\/abort)"/.exec(page)?.[1];
  const code = /name="code" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(action && code, `the page offers the way back: ${page}`);
  const back = await browser.post(new URL(action, issuer).href, { code });
  return { status: ended.status, page, english, back };
}

/** The commission choice page: picks the option for `commissionHsaId` and continues. */
export async function chooseCommission(
  browser: FlowBrowser,
  issuer: string,
  answer: FlowResponse,
  commissionHsaId: string,
): Promise<{ page: string; chosen: FlowResponse }> {
  const location = answer.headers.get('location') ?? '';
  assert.match(location, /\/interaction\/[\w-]+\/choose(\?|$)/, 'the choice page comes next');
  const page = await (await browser.get(new URL(location, issuer).href)).text();
  const option = new RegExp(`value="([^"]+/${commissionHsaId})"`).exec(page)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  assert.ok(option && action, `the page offers ${commissionHsaId}: ${page}`);
  const chosen = await browser.post(new URL(action, issuer).href, { option });
  return { page, chosen };
}
