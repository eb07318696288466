import type { BankIdConfig } from '../../config/sections/bankid.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { LoginMethod, LoginMethodServices } from '../../login/login-method.ts';
import { BankIdClient } from './bankid-client.ts';
import type { BankIdApi } from './bankid-login-flow.ts';
import { BankIdLoginFlow } from './bankid-login-flow.ts';
import { bankIdRoutes } from './bankid-routes.ts';
import { BankIdOrderRepository } from './order-repository.ts';
import { loadTlsMaterial } from './tls-material.ts';

export interface BankIdMethodOptions {
  config: BankIdConfig;
  /**
   * The BankID API to use; by default a BankIdClient from the configured certificate
   * paths. The development wiring passes a client for the local simulator.
   */
  api?: BankIdApi & { close?(): Promise<void> };
  now?: () => Date;
}

/** BankID (RP API v6.0) as a login method: animated QR code or autostart on this device. */
export function createBankIdMethod(options: BankIdMethodOptions): LoginMethod {
  const now = options.now ?? (() => new Date());
  let api: Promise<BankIdApi & { close?(): Promise<void> }> | undefined;

  return {
    id: 'bankid',
    label: { sv: 'BankID', en: 'BankID' },
    startPath: '/login/bankid',
    routes(services: LoginMethodServices) {
      const logger = services.logger.child({ component: 'bankid' });
      const repository = new BankIdOrderRepository(services.store, now);
      const publicOrigin = new URL(services.config.issuer).origin;
      let ready: Promise<{ flow: BankIdLoginFlow; repository: BankIdOrderRepository }> | undefined;
      const prepare = async () => {
        api ??= options.api
          ? Promise.resolve(options.api)
          : clientFromConfig(options.config, logger);
        await repository.ensureIndexes();
        const flow = new BankIdLoginFlow({
          api: await api,
          repository,
          config: options.config,
          audit: services.audit,
          logger,
          now,
          publicOrigin,
        });
        return { flow, repository };
      };
      return bankIdRoutes({
        services,
        config: options.config,
        now,
        referringDomain: new URL(services.config.issuer).hostname,
        ready: () => {
          ready ??= prepare().catch((error: unknown) => {
            ready = undefined;
            throw error;
          });
          return ready;
        },
      });
    },
    async close() {
      const current = await api?.catch(() => undefined);
      await current?.close?.();
    },
  };
}

async function clientFromConfig(
  config: BankIdConfig,
  logger: LoginMethodServices['logger'],
): Promise<BankIdClient> {
  if (!config.enabled) throw new BryggaError('method_not_available', 'BankID is not enabled');
  const { pinnedRoot, credential } = await loadTlsMaterial(config);
  return new BankIdClient({
    baseUrl: config.baseUrl,
    pinnedRootPem: pinnedRoot.pem,
    credential,
    timeoutMs: config.requestTimeoutMs,
    logger,
  });
}
