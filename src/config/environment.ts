type Tree = Record<string, unknown>;

/** Conventional variable names that map onto config keys. */
const shorthands: Record<string, string[]> = {
  NODE_ENV: ['env'],
  MONGODB_URI: ['mongodb', 'uri'],
  MONGODB_DATABASE: ['mongodb', 'database'],
  PORT: ['http', 'port'],
  HOST: ['http', 'host'],
  ISSUER: ['issuer'],
  LOG_LEVEL: ['log', 'level'],
};

const prefix = 'BRYGGA_';

/** Returns a copy of `tree` with environment variables applied (see config/default.yaml). */
export function applyEnvironment(tree: Tree, env: NodeJS.ProcessEnv): Tree {
  const out = structuredClone(tree);
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined || raw === '') continue;
    const path =
      shorthands[name] ??
      (name.startsWith(prefix) && name !== 'BRYGGA_CONFIG'
        ? name.slice(prefix.length).split('__').map(camelCase)
        : undefined);
    if (path) setAt(out, path, parseValue(raw, path));
  }
  return out;
}

function parseValue(raw: string, path: string[]): unknown {
  // Numbers for ports and TTLs, booleans, arrays and objects arrive as JSON. Long digit
  // strings stay strings: they are identity or organisation numbers, never counts.
  if (path.at(-1) === 'uri' || path[0] === 'issuer') return raw;
  if (/^\d{10,}$/.test(raw)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function camelCase(upperSnake: string): string {
  return upperSnake
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function setAt(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path.at(-1) as string] = value;
}
