import { Agent, request } from 'undici';
import { BryggaError } from '../../errors/brygga-error.ts';

/** A 400/422 answer from Freja: `{"code":<int>,"message":"…"}` (upstreams.md §2.1, §2.7). */
export class FrejaResponseError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly frejaCode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'FrejaResponseError';
  }
}

export interface FrejaTransport {
  baseUrl: string;
  clientCertificatePem: string;
  clientKeyPem: string;
  /** Freja's TLS root(s); replaces the OS trust store for this connection. */
  caCertificatePem: string;
  timeoutMs?: number;
}

/**
 * The mutual-TLS client for the Freja eID REST API. Bodies are one parameter holding
 * base64(UTF-8 JSON), sent exactly as Freja's official client does: `name=<std base64>`,
 * unencoded, with Content-Type application/json (upstreams.md §2.1).
 */
export class FrejaHttpClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(private readonly transport: FrejaTransport) {
    this.timeoutMs = transport.timeoutMs ?? 20_000;
    this.agent = new Agent({
      connect: {
        ca: transport.caCertificatePem,
        cert: transport.clientCertificatePem,
        key: transport.clientKeyPem,
        rejectUnauthorized: true,
        timeout: this.timeoutMs,
      },
    });
  }

  async post(path: string, parameter: string, json: unknown): Promise<Record<string, unknown>> {
    const encoded = Buffer.from(JSON.stringify(json), 'utf8').toString('base64');
    try {
      const response = await request(new URL(path, this.transport.baseUrl), {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json' },
        body: `${parameter}=${encoded}`,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await response.body.text();
      if (response.statusCode === 200 || response.statusCode === 204) return parseObject(text);
      throw new FrejaResponseError(response.statusCode, frejaCodeOf(text), path);
    } catch (error) {
      throw translateFrejaFailure(error, path);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * The one place a Freja or transport failure becomes a BryggaError. The Freja code stays in
 * `cause` (a FrejaResponseError) for callers that show a specific text, e.g. code 2000.
 */
export function translateFrejaFailure(error: unknown, path: string): BryggaError {
  if (error instanceof BryggaError) return error;
  if (error instanceof FrejaResponseError) {
    const what = `Freja ${path}: HTTP ${error.httpStatus}, code ${error.frejaCode ?? 'none'}`;
    if (error.frejaCode === 2000)
      return new BryggaError('upstream_rejected', what, { cause: error });
    if (error.httpStatus >= 500)
      return new BryggaError('upstream_unavailable', what, { cause: error });
    return new BryggaError('upstream_error', what, { cause: error });
  }
  return new BryggaError('upstream_unavailable', `Freja ${path}: no usable answer`, {
    cause: error,
  });
}

function parseObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new BryggaError('upstream_error', 'Freja answered with something other than JSON', {
      cause,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BryggaError('upstream_error', 'Freja answered with a JSON value that is no object');
  }
  return parsed as Record<string, unknown>;
}

function frejaCodeOf(text: string): number | undefined {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}
