import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import { CookieJar } from './cookie-jar.ts';

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
 */
export class FlowBrowser {
  private readonly jar = new CookieJar();
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
    const cookie = this.jar.headerFor(url);
    const headers: Record<string, string> = { ...init.headers, ...(cookie && { cookie }) };
    const useTls = this.tlsAgent && url.startsWith('https:');
    const response = useTls
      ? await undiciFetch(url, { ...init, headers, redirect: 'manual', dispatcher: this.tlsAgent })
      : await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(response.headers as Headers);
    return {
      status: response.status,
      headers: response.headers as Headers,
      url,
      text: () => response.text(),
      json: () => response.json(),
    };
  }
}
