import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { BrowserContext } from './bankid-login-flow.ts';

const deviceCookie = 'brygga_bankid_device';
const yearMs = 365 * 86_400_000;

/**
 * endUserIp and `web` device data for /auth (BankID RP API v6 /auth): the client
 * address as koa sees it (proxy trust is configured on the app), the User-Agent, and a
 * hash of a long-lived device cookie.
 */
export function browserContext(ctx: Context, referringDomain: string): BrowserContext {
  let device = ctx.cookies.get(deviceCookie);
  if (!device || !/^[\w-]{32}$/.test(device)) {
    device = randomBytes(24).toString('base64url');
    ctx.cookies.set(deviceCookie, device, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      maxAge: yearMs,
      signed: false,
    });
  }
  const userAgent = (ctx.get('user-agent') || 'unknown').slice(0, 256);
  return {
    endUserIp: endUserIp(ctx.ip),
    web: {
      referringDomain,
      userAgent,
      deviceIdentifier: createHash('sha256').update(device).digest('base64url'),
    },
    mobile: /Mobi|Android|iPhone|iPad/.test(userAgent),
  };
}

/** An IPv4 address seen through an IPv6 socket is sent as plain IPv4. */
export function endUserIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped?.[1] ?? address;
  if (!ip) throw new BryggaError('bad_request', 'The client address is unknown');
  return ip;
}
