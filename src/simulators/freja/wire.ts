import { FrejaApiError } from './api-error.ts';

/**
 * Reads one Freja request parameter from a raw body such as `initAuthRequest=<base64 JSON>`
 * (upstreams.md §2.1). Any Content-Type is accepted because real clients differ; only `%XX`
 * is decoded, never `+`, since raw standard base64 contains `+`.
 */
export function readFrejaParameter(rawBody: string, name: string): Record<string, unknown> {
  const parameters = new Map<string, string>();
  for (const pair of rawBody.trim().split('&')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    parameters.set(pair.slice(0, separator), percentDecode(pair.slice(separator + 1)));
  }

  const encoded = parameters.get(name);
  if (encoded === undefined || encoded === '') throw new FrejaApiError(1000);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new FrejaApiError(1010);

  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw new FrejaApiError(1010);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FrejaApiError(1010);
  }
  return parsed as Record<string, unknown>;
}

function percentDecode(value: string): string {
  try {
    return value.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => decodeURIComponent(run));
  } catch {
    throw new FrejaApiError(1010);
  }
}
