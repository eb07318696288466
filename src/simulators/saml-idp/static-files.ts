import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Context } from 'koa';

const staticDirectory = fileURLToPath(new URL('../../../static/', import.meta.url));
const served: Record<string, string> = { 'saml-post.js': 'js', 'brygga.css': 'css' };

/** The few files of the repository's static/ the simulator's pages use. */
export async function serveStatic(ctx: Context, file: string): Promise<void> {
  const type = served[file];
  if (!type) {
    ctx.status = 404;
    return;
  }
  ctx.type = type;
  ctx.body = await readFile(staticDirectory + file);
}
