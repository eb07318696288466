import { CookieJar } from './cookie-jar.ts';

/**
 * A minimal cookie-keeping browser for flow tests: follows nothing by itself, so tests
 * see every redirect, and sends cookies by path like a real browser (SameSite aside).
 */
export class TestBrowser {
  private readonly jar = new CookieJar();

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(url, { method: 'GET', headers });
  }

  async post(
    url: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects until one leaves `origin` or a non-redirect answer comes. */
  async follow(
    url: string,
    origin: string,
    limit = 10,
  ): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hop = 0; hop < limit; hop += 1) {
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        return { response, url: current };
      current = new URL(location, current).href;
      if (!current.startsWith(origin)) return { response, url: current };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.headerFor(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(response.headers);
    return response;
  }
}
