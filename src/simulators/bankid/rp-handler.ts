import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../../log/logger.ts';
import type { FaultQueue, RpEndpoint } from './faults.ts';
import type { OrderBook } from './order-book.ts';
import { RpError, invalidParameters } from './rp-error.ts';
import { validateOrderRef, validateStart } from './validation.ts';

export interface RpHandlerDeps {
  orders: OrderBook;
  faults: FaultQueue;
  /** A body not received within this long → 408 requestTimeout. */
  requestTimeoutMs: number;
  logger: Logger;
}

const maxBodyBytes = 512 * 1024;
const pathPattern = /^\/rp\/v6\.0\/(auth|sign|collect|cancel)$/;

/** The BankID RP API v6.0 endpoints behind the simulator's mutual-TLS server. */
export function createRpHandler(deps: RpHandlerDeps) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(deps, request)
      .then((body) => send(response, 200, body))
      .catch((error: unknown) => {
        const rpError =
          error instanceof RpError ? error : new RpError('internalError', 'Simulator fault');
        if (!(error instanceof RpError)) deps.logger.error({ err: error }, 'simulator fault');
        const headers: Record<string, string> =
          rpError.errorCode === 'tooManyRequests'
            ? { 'RateLimit-Limit': '10', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '1' }
            : {};
        send(
          response,
          rpError.status,
          { errorCode: rpError.errorCode, details: rpError.details },
          headers,
        );
      });
  };
}

async function handle(deps: RpHandlerDeps, request: IncomingMessage): Promise<unknown> {
  if (!(request.socket as TLSSocket).authorized) {
    request.resume();
    throw new RpError('unauthorized', 'Client certificate missing or not trusted');
  }
  const endpoint = pathPattern.exec(new URL(request.url ?? '/', 'https://x').pathname)?.[1];
  if (!endpoint) {
    request.resume();
    throw new RpError('notFound', 'No such endpoint');
  }
  if (request.method !== 'POST') {
    request.resume();
    throw new RpError('methodNotAllowed', 'Only POST is allowed');
  }
  // Errors table, 415: exactly application/json, a charset parameter is refused.
  const contentType = (request.headers['content-type'] ?? '').trim().toLowerCase();
  if (contentType !== 'application/json') {
    request.resume();
    throw new RpError('unsupportedMediaType', 'Content-Type must be application/json');
  }
  const raw = await readBody(request, deps.requestTimeoutMs);
  const fault = deps.faults.take(endpoint as RpEndpoint);
  if (fault) throw fault;

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw invalidParameters('Body is not valid JSON');
  }
  return dispatch(deps.orders, endpoint as RpEndpoint, body);
}

function dispatch(orders: OrderBook, endpoint: RpEndpoint, body: unknown): unknown {
  switch (endpoint) {
    case 'auth':
    case 'sign': {
      const order = orders.start(endpoint, validateStart(body, endpoint));
      const { orderRef, autoStartToken, qrStartToken, qrStartSecret } = order;
      return { orderRef, autoStartToken, qrStartToken, qrStartSecret };
    }
    case 'collect':
      return orders.collect(validateOrderRef(body));
    case 'cancel':
      orders.cancel(validateOrderRef(body));
      return {};
  }
}

function readBody(request: IncomingMessage, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      reject(new RpError('requestTimeout', 'Request was not received in time'));
      request.resume();
    }, timeoutMs);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        clearTimeout(timer);
        reject(invalidParameters('Body too large'));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
