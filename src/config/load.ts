import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { BryggaError } from '../errors/brygga-error.ts';
import { configSchema } from './schema.ts';
import type { BryggaConfig } from './schema.ts';
import { applyEnvironment } from './environment.ts';

const defaultFile = fileURLToPath(new URL('../../config/default.yaml', import.meta.url));

type Tree = Record<string, unknown>;

/**
 * Reads config/default.yaml, merges BRYGGA_CONFIG's file and the environment over it,
 * and validates the result. Errors name the bad key and the value that was given.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Tree = {},
): BryggaConfig {
  let tree = readYaml(defaultFile);
  if (env.BRYGGA_CONFIG) tree = deepMerge(tree, readYaml(env.BRYGGA_CONFIG));
  tree = deepMerge(applyEnvironment(tree, env), overrides);
  return validateConfig(tree);
}

export function validateConfig(tree: unknown): BryggaConfig {
  const result = configSchema.safeParse(tree);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    return `${key}: ${issue.message} (given: ${describeGiven(issue.path, valueAt(tree, issue.path))})`;
  });
  throw new BryggaError('invalid_config', `Invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** Keys whose values are secrets (or may carry credentials): named, never repeated. */
const secretKey = /secret|password|passphrase|salt|cookieKeys|encryptionKey|hashKey|uri$/i;

function describeGiven(path: PropertyKey[], value: unknown): string {
  if (value === undefined) return 'nothing';
  const secret = path[0] === 'secrets' || path.some((key) => secretKey.test(String(key)));
  if (!secret) return JSON.stringify(value);
  return typeof value === 'string'
    ? `a value of ${value.length} characters, not shown`
    : `a ${Array.isArray(value) ? 'list' : typeof value}, not shown`;
}

function readYaml(file: string): Tree {
  try {
    return (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Tree;
  } catch (cause) {
    throw new BryggaError('invalid_config', `Cannot read configuration file ${file}`, { cause });
  }
}

export function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(tree: unknown, path: PropertyKey[]): unknown {
  let node: unknown = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
