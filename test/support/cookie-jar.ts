/**
 * The cookies of one test browser: sent by path like a real browser (SameSite aside), for
 * every host and port, as browsers do for one host name (RFC 6265 8.5).
 */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  /** The Cookie header for a request to `url`, or '' when no cookie applies. */
  headerFor(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies.entries()]
      .filter(([, entry]) => path.startsWith(entry.path))
      .map(([name, entry]) => `${name}=${entry.value}`)
      .join('; ');
  }

  /** Keeps (or, when expired, drops) the cookies a response sets. */
  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) this.remember(line);
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
