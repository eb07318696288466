import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';

export interface TlsClientSettings {
  /** CA of the server certificate (the SITHS card listener's own TLS CA). */
  caPath: string;
  /** The card: certificate and key files; without them no certificate is presented. */
  certificatePath?: string;
  keyPath?: string;
}

export interface FlowResponse {
  status: number;
  headers: Headers;
  url: string;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * A cookie-keeping browser for end-to-end flows. Like test/support/browser.ts it follows
 * no redirect by itself; it can also present a client certificate (a SITHS card) over TLS.
 * Cookies are sent to every host and port, as browsers do for one host name (RFC 6265 8.5).
 */
export class FlowBrowser {
  private readonly cookies = new Map<string, { value: string; path: string }>();
  private tlsAgent: Agent | undefined;

  get(url: string, headers: Record<string, string> = {}): Promise<FlowResponse> {
    return this.send(url, { method: 'GET', headers });
  }

  post(url: string, form: Record<string, string>): Promise<FlowResponse> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Trusts `caPath` and presents the card (if any) on every later https request. */
  useTls(settings: TlsClientSettings): void {
    this.tlsAgent = new Agent({
      connect: {
        ca: readFileSync(settings.caPath),
        ...(settings.certificatePath && { cert: readFileSync(settings.certificatePath) }),
        ...(settings.keyPath && { key: readFileSync(settings.keyPath) }),
      },
    });
  }

  /** Follows redirects while they stay under `origin`; stops at the first that leaves. */
  async follow(url: string, origin: string, limit = 10): Promise<FlowResponse> {
    let current = url;
    for (let hop = 0; hop < limit; hop += 1) {
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      current = new URL(location, current).href;
      if (!current.startsWith(origin)) return { ...response, url: current };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  async close(): Promise<void> {
    await this.tlsAgent?.close();
  }

  private async send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<FlowResponse> {
    const path = new URL(url).pathname;
    const cookie = [...this.cookies.entries()]
      .filter(([, entry]) => path.startsWith(entry.path))
      .map(([name, entry]) => `${name}=${entry.value}`)
      .join('; ');
    const headers: Record<string, string> = { ...init.headers, ...(cookie && { cookie }) };
    const useTls = this.tlsAgent && url.startsWith('https:');
    const response = useTls
      ? await undiciFetch(url, { ...init, headers, redirect: 'manual', dispatcher: this.tlsAgent })
      : await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.remember(line);
    return {
      status: response.status,
      headers: response.headers as Headers,
      url,
      text: () => response.text(),
      json: () => response.json(),
    };
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
