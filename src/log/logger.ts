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
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { service: 'brygga' },
      // pino's wildcard paths (`*.token`, `*.*.token`) cost tens of microseconds a line;
      // scrubObject already redacts every listed key at any depth, in log objects and (see
      // scrubbingChildBindings) in child bindings, so pino keeps the cheap top-level paths.
      redact: { paths: topLevelRedactPaths, censor: '[redacted]' },
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
  return scrubbingChildBindings(root);
}

/**
 * pino runs no formatter on a child's bindings, so the root's `child` scrubs them first.
 * Children inherit the method from the root (pino makes each child with Object.create).
 */
function scrubbingChildBindings(root: Logger): Logger {
  const makeChild = root.child;
  const child = function (this: Logger, bindings: pino.Bindings, childOptions?: object) {
    return makeChild.call(this, scrubObject(bindings) as pino.Bindings, childOptions);
  };
  root.child = child as Logger['child'];
  return root;
}

const topLevelRedactPaths = redactPaths.filter((path) => !path.startsWith('*'));
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
