import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { readBody, sendJson, sendText } from './http-io.ts';
import { answer, relyingPartyOperations } from './relying-party-api.ts';
import type { TransactionBook } from './transaction-book.ts';

export interface ApiServerOptions {
  tls: IssuedCertificate;
  /** Only client certificates issued by this authority are relying parties. */
  clientAuthorityPem: string;
  autoApprove?: string;
}

/**
 * Freja's relying-party service over mutual TLS (upstreams.md §2.1). The handshake asks for a
 * certificate; a request without one from the RP authority gets 401 before any parsing.
 */
export function createApiServer(book: TransactionBook, options: ApiServerOptions): Server {
  const operations = relyingPartyOperations(book, options.autoApprove);
  return createServer(
    {
      key: options.tls.privateKeyPem,
      cert: options.tls.certificatePem,
      ca: [options.clientAuthorityPem],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (request, response) => {
      const path = new URL(request.url ?? '/', 'https://freja.invalid').pathname;
      const operation = operations.get(path);
      if (!operation) return sendText(response, 404, 'Not Found');
      if (request.method !== 'POST') return sendText(response, 405, 'Method Not Allowed');
      if (!(request.socket as TLSSocket).authorized) return sendText(response, 401, 'Unauthorized');

      readBody(request)
        .then(async (rawBody) => {
          if (rawBody === undefined) return sendText(response, 413, 'Payload Too Large');
          const result = await answer(operation, rawBody);
          sendJson(response, result.status, result.body);
        })
        .catch(() => sendText(response, 500, 'Internal Server Error'));
    },
  );
}
