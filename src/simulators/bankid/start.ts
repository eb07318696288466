import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { createCertificateAuthority, issueCertificate } from '../../dev-pki/dev-pki.ts';
import type { Logger } from '../../log/logger.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { Fault } from './faults.ts';
import { FaultQueue } from './faults.ts';
import type { OrderTiming } from './order-book.ts';
import { OrderBook, defaultTiming } from './order-book.ts';
import type { TestPerson } from './people.ts';
import { defaultTestPeople } from './people.ts';
import { createPhoneHandler } from './phone-handler.ts';
import { SimulatedPhone } from './phone.ts';
import { createRpHandler } from './rp-handler.ts';

export interface BankIdSimulatorOptions {
  /** Always loopback: the simulator is for development and tests. */
  host?: string;
  /** Port of the mutual-TLS RP API; 0 picks a free one. */
  port?: number;
  /** Port of the plain-HTTP phone control (JSON API and HTML page). */
  phonePort?: number;
  people?: TestPerson[];
  /** Development: approve every order as this person after `delayMs`. */
  autoApprove?: { personalNumber: string; delayMs: number };
  timing?: Partial<OrderTiming>;
  requestTimeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Reuse authorities across restarts; new ones are made when absent. */
  serverAuthority?: IssuedCertificate;
  clientAuthority?: IssuedCertificate;
}

export interface BankIdSimulator {
  /** Base URL of the RP API, ending in `/rp/v6.0/`. */
  url: string;
  /** The CA that issued the server certificate: pin this in the client. */
  caCertificatePem: string;
  /** Client certificates issued by this authority are accepted as RPs. */
  clientAuthority: IssuedCertificate;
  issueClientCertificate(commonName?: string): Promise<IssuedCertificate>;
  /** Base URL of the phone control, e.g. `http://127.0.0.1:1234/phone`. */
  phoneUrl: string;
  phone: SimulatedPhone;
  orders: OrderBook;
  injectFault(fault: Fault): void;
  close(): Promise<void>;
}

/** Starts a BankID RP API v6.0 simulator with mutual TLS and a simulated phone. */
export async function startBankIdSimulator(
  options: BankIdSimulatorOptions = {},
): Promise<BankIdSimulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'bankid-sim' });
  const people = options.people ?? defaultTestPeople;
  const autoApprove = options.autoApprove && {
    delayMs: options.autoApprove.delayMs,
    person: findPerson(people, options.autoApprove.personalNumber),
  };

  const serverAuthority =
    options.serverAuthority ?? (await createCertificateAuthority('BankID simulator SSL Root CA'));
  const clientAuthority =
    options.clientAuthority ?? (await createCertificateAuthority('BankID simulator RP CA'));
  const serverCertificate = await issueCertificate(serverAuthority, {
    subject: 'CN=appapi2.simulator.bankid.local',
    hosts: [host, 'localhost'],
    usage: 'server',
  });

  const orders = new OrderBook(clock, { ...defaultTiming, ...options.timing }, autoApprove);
  const faults = new FaultQueue();
  const phone = new SimulatedPhone(orders, clock, people);

  const rpServer = createHttpsServer(
    {
      key: serverCertificate.privateKeyPem,
      cert: serverCertificate.certificatePem,
      ca: [clientAuthority.certificatePem],
      requestCert: true,
      // Checked per request instead, so a missing certificate gets 401 unauthorized.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    createRpHandler({
      orders,
      faults,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      logger,
    }),
  );
  const phoneServer = createHttpServer(createPhoneHandler(phone, faults));
  const rpPort = await listen(rpServer, host, options.port ?? 0);
  const phonePort = await listen(phoneServer, host, options.phonePort ?? 0);
  logger.info({ rpPort, phonePort }, 'BankID simulator listening');

  return {
    url: `https://${host}:${rpPort}/rp/v6.0/`,
    caCertificatePem: serverAuthority.certificatePem,
    clientAuthority,
    issueClientCertificate: (commonName = 'Brygga RP') =>
      issueCertificate(clientAuthority, { subject: `CN=${commonName}`, usage: 'client' }),
    phoneUrl: `http://${host}:${phonePort}/phone`,
    phone,
    orders,
    injectFault: (fault) => faults.add(fault),
    close: async () => {
      await Promise.all([stop(rpServer), stop(phoneServer)]);
    },
  };
}

function findPerson(people: TestPerson[], personalNumber: string): TestPerson {
  const person = people.find((candidate) => candidate.personalNumber === personalNumber);
  if (!person) throw new Error('autoApprove names a person missing from the test people');
  return person;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
