import type { Context, Next } from 'koa';

const forwardedHeaders = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'forwarded'];

/**
 * koa and oidc-provider believe X-Forwarded-* once `proxy` is on, from anyone. Brygga
 * believes them only from the configured proxy addresses: from any other peer they are
 * removed before anything reads them (BankID's endUserIp, the issuer's scheme and host).
 */
export function trustedProxies(addresses: string[]) {
  const trusted = new Set(addresses.map(normalise));
  return async (ctx: Context, next: Next): Promise<void> => {
    const peer = normalise(ctx.req.socket.remoteAddress ?? '');
    if (!trusted.has(peer)) {
      for (const header of forwardedHeaders) delete ctx.req.headers[header];
    }
    await next();
  };
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) and plain IPv4 name the same peer. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
