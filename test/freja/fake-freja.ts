import { createHash, X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { CompactSign } from 'jose';
import { createCertificateAuthority, issueCertificate } from '../../src/dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';

export interface ScriptedAnswer {
  status: number;
  body: string;
}

/**
 * A scripted Freja host over mutual TLS, for answers the simulator never gives (forged or
 * foreign signatures, odd errors). `answer` sees the path and the raw body.
 */
export async function startFakeFreja(answer: (path: string, raw: string) => ScriptedAnswer) {
  const root = await createCertificateAuthority('Fake Freja root');
  const clientAuthority = await createCertificateAuthority('Fake Freja RP CA');
  const tls = await issueCertificate(root, {
    subject: 'CN=127.0.0.1',
    hosts: ['127.0.0.1'],
    usage: 'server',
  });
  const client = await issueCertificate(clientAuthority, { subject: 'CN=RP', usage: 'client' });
  const server = createServer(
    {
      key: tls.privateKeyPem,
      cert: tls.certificatePem,
      ca: [clientAuthority.certificatePem],
      requestCert: true,
    },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (!(request.socket as TLSSocket).authorized) {
          response.writeHead(401).end();
          return;
        }
        const scripted = answer(request.url ?? '', Buffer.concat(chunks).toString('utf8'));
        response.writeHead(scripted.status, { 'content-type': 'application/json' });
        response.end(scripted.body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caCertificatePem: root.certificatePem,
    client,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JWS signing certificate of our own, with its x5t. */
export async function signingIdentity(options: { notBefore?: Date; notAfter?: Date } = {}) {
  const authority = await createCertificateAuthority('Test JWS CA');
  const certificate = await issueCertificate(authority, {
    subject: 'CN=Test JWS Signing',
    usage: 'signing',
    ...options,
  });
  const x5t = createHash('sha1')
    .update(new X509Certificate(certificate.certificatePem).raw)
    .digest('base64url');
  return { certificate, x5t };
}

export async function signDetails(
  signer: IssuedCertificate,
  x5t: string,
  payload: Record<string, unknown>,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256', x5t })
    .sign(signer.keys.privateKey);
}

export function approvedPayload(authRef: string, timestamp = Date.now()): Record<string, unknown> {
  return {
    authRef,
    status: 'APPROVED',
    userInfoType: 'INFERRED',
    userInfo: 'N/A',
    minRegistrationLevel: 'PLUS',
    requestedAttributes: {
      basicUserInfo: { name: 'Tolvan', surname: 'Tolvansson' },
      ssn: { ssn: '191212121212', country: 'SE' },
      registrationLevel: 'PLUS',
    },
    timestamp,
  };
}
