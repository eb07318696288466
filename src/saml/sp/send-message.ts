import type { Context } from 'koa';
import { postFormPage } from './post-form-page.ts';
import type { OutgoingMessage } from './samlify-boundary.ts';

/** Redirect binding: a 302; POST binding: the auto-submitting form page. */
export function sendMessage(ctx: Context, message: OutgoingMessage): void {
  ctx.set('Cache-Control', 'no-store');
  if (message.binding === 'redirect') {
    ctx.redirect(message.url);
    return;
  }
  ctx.type = 'html';
  ctx.body = postFormPage(message.url, message.field, message.value, message.relayState);
}
