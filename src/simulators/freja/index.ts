import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { defaultFrejaTestPeople } from '../../config/sections/freja.ts';
import type { FrejaTestPerson } from '../../config/sections/freja.ts';
import { createCertificateAuthority, issueCertificate } from '../../dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { createApiServer } from './api-server.ts';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { DetailsSigner } from './details-signer.ts';
import type { SimulatedTransaction } from './model.ts';
import { runPhoneCommand } from './phone-control.ts';
import type { PhoneCommand } from './phone-control.ts';
import { createPhoneServer } from './phone-server.ts';
import { TransactionBook } from './transaction-book.ts';

export { ManualClock, systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { appLinkFor } from './phone-control.ts';
export type { PhoneCommand } from './phone-control.ts';

export interface FrejaSimulatorOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  phonePort?: number;
  people?: FrejaTestPerson[];
  /** ssn of a test person who approves every new request at once. */
  autoApprove?: string;
  clock?: Clock;
}

export interface FrejaSimulator {
  /** Base URL of the simulated service host, e.g. `https://127.0.0.1:4711`. */
  url: string;
  /** The simulated phone's page; its JSON API lives under `/phone/api/`. */
  phoneUrl: string;
  /** The TLS root to pin for `url`. */
  caCertificatePem: string;
  /** Issues relying-party client certificates the simulator accepts. */
  clientAuthority: IssuedCertificate;
  /** A ready relying-party certificate and key from clientAuthority. */
  relyingPartyCertificate: IssuedCertificate;
  /** The certificate whose key signs `details`; configure it in the connector. */
  signingCertificatePem: string;
  signingX5t: string;
  /** The phone, in process (tests). */
  phone(command: PhoneCommand): Promise<SimulatedTransaction>;
  close(): Promise<void>;
}

/** Starts a Freja eID REST simulator (upstreams.md §2, §5) on 127.0.0.1. Development only. */
export async function startFrejaSimulator(
  options: FrejaSimulatorOptions = {},
): Promise<FrejaSimulator> {
  const clock = options.clock ?? systemClock;
  const people = options.people ?? defaultFrejaTestPeople;

  const serverRoot = await createCertificateAuthority('Freja eID simulator Root CA');
  const clientAuthority = await createCertificateAuthority('Freja eID simulator RP CA');
  const [tls, signing, relyingPartyCertificate] = await Promise.all([
    issueCertificate(serverRoot, {
      subject: 'CN=127.0.0.1, O=Freja eID simulator',
      hosts: ['127.0.0.1', 'localhost'],
      usage: 'server',
    }),
    issueCertificate(serverRoot, {
      subject: 'CN=Freja eID simulator JWS Signing',
      usage: 'signing',
    }),
    issueCertificate(clientAuthority, { subject: 'CN=Brygga development RP', usage: 'client' }),
  ]);

  const signer = new DetailsSigner(signing);
  const book = new TransactionBook(clock, signer, people);
  const api = createApiServer(book, {
    tls,
    clientAuthorityPem: clientAuthority.certificatePem,
    ...(options.autoApprove && { autoApprove: options.autoApprove }),
  });
  const phone = createPhoneServer(book, people, clock);
  const apiPort = await listen(api, options.port ?? 0);
  const phonePort = await listen(phone, options.phonePort ?? 0);

  return {
    url: `https://127.0.0.1:${apiPort}`,
    phoneUrl: `http://127.0.0.1:${phonePort}/phone`,
    caCertificatePem: serverRoot.certificatePem,
    clientAuthority,
    relyingPartyCertificate,
    signingCertificatePem: signing.certificatePem,
    signingX5t: signer.x5t,
    phone: (command) => runPhoneCommand(book, command),
    close: async () => {
      await Promise.all([stop(api), stop(phone)]);
    },
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
