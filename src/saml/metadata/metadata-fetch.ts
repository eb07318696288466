import { readFile } from 'node:fs/promises';
import { BryggaError } from '../../errors/brygga-error.ts';

export type MetadataLocation = { url: string } | { file: string } | { xml: string };

/** Reads metadata text; fetch/file failures become upstream_unavailable in this one place. */
export async function readMetadataText(
  location: MetadataLocation,
  timeoutMs = 15_000,
): Promise<string> {
  try {
    if ('xml' in location) return location.xml;
    if ('file' in location) return await readFile(location.file, 'utf8');
    const response = await fetch(location.url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.text();
  } catch (cause) {
    const where = 'url' in location ? location.url : 'file' in location ? location.file : 'inline';
    throw new BryggaError('upstream_unavailable', `metadata not readable from ${where}`, { cause });
  }
}
