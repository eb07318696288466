import type { Dispatcher } from 'undici';
import { request } from 'undici';

export interface PageResponse {
  status: number;
  location?: string;
  body: string;
}

/**
 * One person's browser for a benchmark login: keeps cookies by path (like
 * test/support/browser.ts) but sends over a shared undici pool, which costs the load
 * generator far less CPU than fetch.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  constructor(
    private readonly origin: string,
    private readonly pool: Dispatcher,
  ) {}

  get(pathOrUrl: string): Promise<PageResponse> {
    return this.send('GET', pathOrUrl);
  }

  post(pathOrUrl: string, form: Record<string, string>): Promise<PageResponse> {
    return this.send('POST', pathOrUrl, new URLSearchParams(form).toString());
  }

  /** Follows redirects while they stay at the origin; returns the first one that leaves. */
  async follow(location: string, limit = 10): Promise<string> {
    let next = location;
    for (let hop = 0; hop < limit; hop += 1) {
      if (!new URL(next, this.origin).href.startsWith(this.origin)) return next;
      const response = await this.get(next);
      if (!response.location) throw new Error(`no redirect from ${next}: ${response.status}`);
      next = response.location;
    }
    throw new Error(`too many redirects from ${location}`);
  }

  private async send(method: 'GET' | 'POST', pathOrUrl: string, body?: string) {
    const url = new URL(pathOrUrl, this.origin);
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = this.cookieHeader(url.pathname);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

    const response = await request(url, { method, headers, body, dispatcher: this.pool });
    const setCookie = response.headers['set-cookie'];
    for (const line of [setCookie ?? []].flat()) this.remember(line);
    const location = response.headers.location;
    return {
      status: response.statusCode,
      ...(typeof location === 'string' && { location }),
      body: await response.body.text(),
    };
  }

  private cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, entry]) => path.startsWith(entry.path))
      .map(([name, entry]) => `${name}=${entry.value}`)
      .join('; ');
  }

  private remember(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const path = attributes
      .map((attribute) => attribute.trim())
      .find((attribute) => attribute.toLowerCase().startsWith('path='));
    const expired = attributes.some((attribute) => /expires=thu, 01 jan 1970/i.test(attribute));
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, { value: pair.slice(separator + 1), path: path?.slice(5) ?? '/' });
  }
}
