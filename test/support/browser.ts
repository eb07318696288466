/**
 * A minimal cookie-keeping browser for flow tests: follows nothing by itself, so tests
 * see every redirect, and sends cookies by path like a real browser (SameSite aside).
 */
export class TestBrowser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

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
    const path = new URL(url).pathname;
    const cookie = [...this.cookies.entries()]
      .filter(([, entry]) => path.startsWith(entry.path))
      .map(([name, entry]) => `${name}=${entry.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.remember(line);
    return response;
  }

  private remember(line: string): void {
    const [pair, ...attributes] = line.split(';');
    const [name, ...valueParts] = (pair ?? '').split('=');
    if (!name) return;
    const pathAttribute = attributes
      .map((part) => part.trim())
      .find((part) => part.toLowerCase().startsWith('path='));
    const expired = attributes.some((part) => /expires=thu, 01 jan 1970/i.test(part.trim()));
    const key = name.trim();
    if (expired) this.cookies.delete(key);
    else
      this.cookies.set(key, { value: valueParts.join('='), path: pathAttribute?.slice(5) ?? '/' });
  }
}
