import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import { startPath } from './siths-card-paths.ts';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface SithsCardListenerOptions {
  /** Koa's `app.callback()`. */
  callback: RequestListener;
  /** Server certificate (chain) and key, PEM. */
  certificatePem: string;
  keyPem: string;
  /** The SITHS CAs: sent in the CertificateRequest so browsers offer only matching cards. */
  caCertificatesPem: string[];
  /**
   * Where requests for other paths go (the issuer's origin). The listener asks every
   * connection for a card, so only the card route belongs here; without it, all paths pass.
   */
  otherPathsBaseUrl?: string;
}

/**
 * Mode (a), docs/siths-card.md: Brygga terminates TLS and asks for a client certificate.
 * The handshake never fails on the certificate (`rejectUnauthorized: false`): the card route
 * validates it, so a person with a wrong or missing card gets a readable page, not a TLS error.
 */
export function createSithsCardListener(options: SithsCardListenerOptions): Server {
  return createServer(
    {
      cert: options.certificatePem,
      key: options.keyPem,
      ca: options.caCertificatesPem,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (request, response) => {
      const path = request.url ?? '/';
      if (options.otherPathsBaseUrl && !path.startsWith(`${startPath}/`)) {
        response.statusCode = 307;
        response.setHeader('location', new URL(path, options.otherPathsBaseUrl).toString());
        response.end();
        return;
      }
      options.callback(request, response);
    },
  );
}

/** Reads the configured TLS files and listens; resolves with the bound address. */
export async function startSithsCardListener(
  config: SithsCardConfig,
  caCertificatesPem: string[],
  callback: RequestListener,
  otherPathsBaseUrl?: string,
): Promise<{ server: Server; address: AddressInfo }> {
  const { certificatePath, keyPath, host, port } = config.listener;
  if (!certificatePath || !keyPath) {
    throw new BryggaError('invalid_config', 'sithsCard.listener needs certificatePath and keyPath');
  }
  const server = createSithsCardListener({
    callback,
    certificatePem: readFileSync(certificatePath, 'utf8'),
    keyPem: readFileSync(keyPath, 'utf8'),
    caCertificatesPem,
    otherPathsBaseUrl,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, address: server.address() as AddressInfo };
}
