import { pino } from 'pino';
import type { Logger } from 'pino';
import { redactedKeys, redactPaths, scrubIdentityNumbers } from './redaction.ts';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  destination?: pino.DestinationStream;
}

/** The root logger: JSON lines, redaction configured here and nowhere else. */
export function createRootLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'brygga' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      // Errors are serialized (and scrubbed) by scrubObject below, class name included.
      serializers: { err: (error: unknown) => error },
      formatters: {
        log(object) {
          return scrubObject(object) as Record<string, unknown>;
        },
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) =>
            typeof arg === 'string' ? scrubIdentityNumbers(arg) : arg,
          );
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

const redactedKeySet = new Set(redactedKeys.map((key) => key.toLowerCase()));
const maxDepth = 8;

/**
 * The second line of defence behind pino's redact paths, which reach only three levels:
 * redacted keys at any depth, identity numbers in every string (stacks and causes too),
 * and nothing deeper than maxDepth.
 */
function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubIdentityNumbers(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > maxDepth) return '[too deep]';
  if (value instanceof Error) {
    const { code, cause } = value as Error & { code?: unknown };
    return {
      type: value.name,
      message: scrubIdentityNumbers(value.message),
      ...(code !== undefined && { code }),
      stack: scrubIdentityNumbers(value.stack ?? ''),
      ...(cause !== undefined && { cause: scrubObject(cause, depth + 1) }),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubObject(item, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = redactedKeySet.has(key.toLowerCase()) ? '[redacted]' : scrubObject(item, depth + 1);
  }
  return out;
}
