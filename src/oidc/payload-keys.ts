/**
 * oidc-provider payloads carry keys Brygga does not choose: the `claims` request parameter
 * (OIDC Core 5.5) is stored parsed, and its claim names are URIs full of dots
 * (`https://id.oidc.se/claim/…`, `http://sambi.se/attributes/1/…`). FerretDB refuses field
 * names with a dot or a leading `$`, and MongoDB reads dotted names as paths in updates.
 * So the adapter stores such keys percent-escaped (`%` itself too, to stay reversible).
 */
const needsEscape = /[.%]|^\$/;
const needsUnescape = /%(2E|24|25)/;

export function escapePayloadKeys<T>(value: T): T {
  if (!hasKey(value, needsEscape)) return value;
  return mapKeys(value, (key) =>
    key.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24'),
  );
}

const unescaped: Record<string, string> = { '%2E': '.', '%24': '$', '%25': '%' };

/** The inverse of escapePayloadKeys. */
export function unescapePayloadKeys<T>(value: T): T {
  if (!hasKey(value, needsUnescape)) return value;
  return mapKeys(value, (key) => key.replace(/%(2E|24|25)/g, (escape) => unescaped[escape]!));
}

/** Whether any key at any depth matches: most payloads have none, and are left as they are. */
function hasKey(value: unknown, pattern: RegExp): boolean {
  if (Array.isArray(value)) return value.some((item) => hasKey(item, pattern));
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (pattern.test(key) || hasKey(value[key], pattern)) return true;
  }
  return false;
}

function mapKeys<T>(value: T, rename: (key: string) => string): T {
  if (Array.isArray(value)) return value.map((item: unknown) => mapKeys(item, rename)) as T;
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [rename(key), mapKeys(inner, rename)]),
  ) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
