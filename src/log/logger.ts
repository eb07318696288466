import { pino } from 'pino';
import type { Logger } from 'pino';
import { redactPaths, scrubIdentityNumbers } from './redaction.ts';

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

function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubIdentityNumbers(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubIdentityNumbers(value.message), stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((item) => scrubObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubObject(item, depth + 1);
  return out;
}
