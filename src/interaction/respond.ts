import type { Context } from 'koa';

/** True for a script's status poll (accepts JSON, not HTML). */
export function wantsJson(ctx: Context): boolean {
  return ctx.accepts('html', 'json') === 'json';
}

/** Sends the browser on: a 303 for page requests, `{ next }` for a script's poll. */
export function sendOnward(ctx: Context, url: string): void {
  if (wantsJson(ctx)) {
    ctx.status = 200;
    ctx.body = { next: url };
    return;
  }
  ctx.status = 303;
  ctx.redirect(url);
}
