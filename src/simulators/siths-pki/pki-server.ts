import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OCSPResponseStatus } from '@peculiar/asn1-ocsp';
import { answerOcspRequest, errorResponse } from './ocsp-responder.ts';
import type { SithsTestPki } from './siths-test-pki.ts';

const maxRequestBytes = 16 * 1024;

export interface RunningPkiServer {
  server: Server;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Plain HTTP on 127.0.0.1, as OCSP and CRL are (RFC 6960 A.1, RFC 5280 4.2.1.13):
 * `POST /ocsp`, `GET /ocsp/<base64 request>`, `GET /crl/issuing-ca.crl` (DER).
 */
export async function startPkiServer(pki: SithsTestPki, port = 0): Promise<RunningPkiServer> {
  const server = createServer((request, response) => {
    route(pki, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pki.baseUrl = baseUrl;
  return {
    server,
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(
  pki: SithsTestPki,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const keys = { issuer: pki.authorities.issuingCa, signer: pki.authorities.ocspSigner };
  const statusOf = pki.statusOf.bind(pki);

  if (request.method === 'POST' && path === '/ocsp') {
    const body = await readBody(request);
    const answer = body
      ? answerOcspRequest(body, keys, statusOf)
      : errorResponse(OCSPResponseStatus.malformedRequest);
    return send(response, 200, 'application/ocsp-response', answer);
  }
  if (request.method === 'GET' && path.startsWith('/ocsp/')) {
    const der = Buffer.from(decodeURIComponent(path.slice('/ocsp/'.length)), 'base64');
    return send(response, 200, 'application/ocsp-response', answerOcspRequest(der, keys, statusOf));
  }
  if (request.method === 'GET' && path === '/crl/issuing-ca.crl') {
    const crl = await pki.crl();
    return send(response, 200, 'application/pkix-crl', Buffer.from(crl.rawData));
  }
  send(response, 404, 'text/plain', Buffer.from('not found'));
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, type: string, body: Buffer): void {
  response.writeHead(status, { 'content-type': type, 'content-length': body.length });
  response.end(body);
}
