import type { BankIdConfig } from '../../config/sections/bankid.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { BankIdSimulator } from '../../simulators/bankid/start.ts';
import { startBankIdSimulator } from '../../simulators/bankid/start.ts';
import { BankIdClient } from './bankid-client.ts';

/**
 * Development wiring: starts the local BankID simulator from `bankid.simulator` and a
 * client that trusts only its CA and presents a certificate it issued. Closing the
 * client stops the simulator too.
 */
export async function connectToSimulator(
  config: BankIdConfig,
  env: 'development' | 'test' | 'production',
  logger: Logger,
): Promise<{ client: BankIdClient & { close(): Promise<void> }; simulator: BankIdSimulator }> {
  if (env === 'production') {
    throw new BryggaError('invalid_config', 'The BankID simulator cannot run in production');
  }
  const settings = config.simulator;
  const simulator = await startBankIdSimulator({
    port: settings.port,
    phonePort: settings.phonePort,
    logger,
    ...(settings.people.length > 0 && { people: settings.people }),
    ...(settings.autoApprovePersonalNumber && {
      autoApprove: {
        personalNumber: settings.autoApprovePersonalNumber,
        delayMs: settings.autoApproveDelayMs,
      },
    }),
  });
  const rp = await simulator.issueClientCertificate('Brygga development RP');
  const client = new BankIdClient({
    baseUrl: simulator.url,
    pinnedRootPem: simulator.caCertificatePem,
    credential: { certificatePem: rp.certificatePem, privateKeyPem: rp.privateKeyPem },
    timeoutMs: config.requestTimeoutMs,
    logger,
  });
  const close = client.close.bind(client);
  // Both the method and the start-up code close this client; the second call waits for the
  // first (undici refuses to close an agent twice).
  let closing: Promise<void> | undefined;
  client.close = () => (closing ??= close().then(() => simulator.close()));
  logger.warn({ phoneUrl: simulator.phoneUrl }, 'BankID simulator in use (development only)');
  return { client, simulator };
}
