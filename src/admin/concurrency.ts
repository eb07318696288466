import type { Context } from 'koa';
import { BryggaError } from '../errors/brygga-error.ts';

/**
 * Optimistic concurrency over HTTP: a read sends `ETag: "<version>"`, an update must send
 * it back in If-Match (RFC 9110 13.1.1). Missing → 428 (RFC 6585 3); another version → 412.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export function sendVersioned(ctx: Context, record: { version: number }, body: unknown): void {
  ctx.set('ETag', etagOf(record.version));
  ctx.body = body;
}

/** The version the caller read, from If-Match. */
export function expectedVersion(ctx: Context): number {
  const header = ctx.get('if-match').trim();
  if (!header) {
    throw new BryggaError(
      'precondition_required',
      'If-Match: send the ETag of the version you read',
    );
  }
  const version = /^"(\d{1,15})"$/.exec(header)?.[1];
  if (!version) {
    throw new BryggaError('bad_request', 'If-Match: one strong ETag such as "3" (not * or W/)');
  }
  return Number(version);
}

/**
 * Runs a versioned write. The domain refuses a stale version with `conflict`, which it also
 * uses for workflow states; the stored version tells the two apart: a changed version is
 * 412, anything else stays 409.
 */
export async function writeIfVersion<T>(
  expected: number,
  currentVersion: () => Promise<number>,
  write: () => Promise<T>,
): Promise<T> {
  await assertVersion(expected, await currentVersion());
  try {
    return await write();
  } catch (error) {
    if (error instanceof BryggaError && error.code === 'conflict') {
      await assertVersion(expected, await currentVersion());
    }
    throw error;
  }
}

async function assertVersion(expected: number, current: number): Promise<void> {
  if (expected === current) return;
  throw new BryggaError(
    'precondition_failed',
    `If-Match: you read version ${expected}, the record is now at version ${current}`,
  );
}
