import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH; undefined when neither exists. */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

/** Why browser tests are skipped here, or false when they can run. */
export function chromiumSkipReason(): string | false {
  return chromiumExecutable()
    ? false
    : 'no Chromium executable (set CHROMIUM_PATH or apt-get install chromium)';
}

export const artifactsFolder = path.resolve(process.cwd(), 'test-artifacts');

export interface TestChromium {
  context: BrowserContext;
  /** A new tab whose console and page errors are recorded in `problems`. */
  newPage(): Promise<Page>;
  /** Console errors and uncaught page errors seen so far, CSP reports among them. */
  problems: string[];
  /** Saves a full-page screenshot as test-artifacts/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Launches Chromium headless with a fresh profile. Only pages on 127.0.0.1 or localhost may
 * load: every other request is aborted, so a test can never reach a real service.
 */
export async function launchChromium(locale: 'sv-SE' | 'en-GB' = 'sv-SE'): Promise<TestChromium> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new Error('no Chromium executable');
  const profile = await mkdtemp(path.join(tmpdir(), 'brygga-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    locale,
    viewport: { width: 900, height: 800 },
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  await context.route(
    (url) => !isLocal(url),
    (route) => route.abort('blockedbyclient'),
  );

  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  await mkdir(artifactsFolder, { recursive: true });

  return {
    context,
    problems,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      const file = path.join(artifactsFolder, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

function isLocal(url: URL): boolean {
  if (url.protocol === 'data:' || url.protocol === 'about:') return true;
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost';
}
