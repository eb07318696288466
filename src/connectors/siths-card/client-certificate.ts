import { TLSSocket } from 'node:tls';
import type { Context } from 'koa';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import { CertificateRejected } from './certificate-rejection.ts';

/** The card certificate as it reached Brygga, and how. */
export interface PresentedCertificate {
  der: Buffer;
  via: 'tls' | 'proxy';
  /** The TCP peer: the browser (tls) or the reverse proxy (proxy). */
  peerAddress: string;
}

/**
 * Mode (b) first: a configured header is believed only from a configured proxy address,
 * judged by the TCP peer (never X-Forwarded-For). Mode (a): the certificate the browser
 * presented on Brygga's own TLS listener (siths-card-listener.ts).
 */
export function readPresentedCertificate(
  ctx: Context,
  config: Pick<SithsCardConfig, 'trustedProxies' | 'certificateHeader'>,
): PresentedCertificate {
  const socket = ctx.req.socket;
  const peerAddress = normaliseAddress(socket.remoteAddress ?? '');
  const header = ctx.get(config.certificateHeader);

  if (header !== '') {
    if (!config.trustedProxies.map(normaliseAddress).includes(peerAddress)) {
      throw new CertificateRejected(
        'untrusted_proxy',
        `${config.certificateHeader} came from ${peerAddress}, not a trusted proxy`,
      );
    }
    return { der: decodeHeader(header), via: 'proxy', peerAddress };
  }

  if (socket instanceof TLSSocket) {
    const certificate = socket.getPeerX509Certificate();
    if (certificate) return { der: certificate.raw, via: 'tls', peerAddress };
  }
  throw new CertificateRejected('missing_certificate', 'no client certificate was presented');
}

/** nginx `$ssl_client_escaped_cert`: the PEM, URL-encoded (RFC 3986 percent-encoding). */
function decodeHeader(value: string): Buffer {
  let pem: string;
  try {
    pem = decodeURIComponent(value);
  } catch (error) {
    throw new CertificateRejected(
      'malformed_certificate',
      'the certificate header is not URL-encoded',
      {
        cause: error,
      },
    );
  }
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body)
    throw new CertificateRejected('malformed_certificate', 'the certificate header holds no PEM');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1. */
export function normaliseAddress(address: string): string {
  const lowered = address.trim().toLowerCase();
  return lowered.startsWith('::ffff:') && lowered.includes('.') ? lowered.slice(7) : lowered;
}
