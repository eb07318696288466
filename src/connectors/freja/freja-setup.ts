import type { FrejaConfig } from '../../config/sections/freja.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { LoginMethod } from '../../login/login-method.ts';
import { startFrejaSimulator } from '../../simulators/freja/index.ts';
import {
  frejaConnectorOptionsForSimulator,
  frejaConnectorOptionsFromConfig,
} from './connector-options.ts';
import { FrejaConnector } from './freja-connector.ts';
import { createFrejaMethod } from './freja-method.ts';

/**
 * The Freja eID+ login method from the `freja` config section, or undefined when disabled.
 * With `freja.simulator.enabled` (never in production) the local simulator is started and the
 * connector trusts only the simulator's certificates; closing the method stops both.
 */
export async function setUpFreja(
  config: FrejaConfig,
  env: 'development' | 'test' | 'production',
  logger: Logger,
): Promise<LoginMethod | undefined> {
  if (!config.enabled) return undefined;
  if (config.simulator.enabled && env === 'production') {
    throw new BryggaError('invalid_config', 'freja.simulator.enabled is refused in production');
  }

  const simulator = config.simulator.enabled
    ? await startFrejaSimulator({
        port: config.simulator.port,
        phonePort: config.simulator.phonePort,
        people: config.simulator.people,
        ...(config.simulator.autoApprove && { autoApprove: config.simulator.autoApprove }),
      })
    : undefined;
  if (simulator) {
    logger.warn({ url: simulator.url, phoneUrl: simulator.phoneUrl }, 'Freja eID simulator in use');
  }

  const connector = new FrejaConnector(
    simulator
      ? frejaConnectorOptionsForSimulator(simulator, logger)
      : frejaConnectorOptionsFromConfig(config, logger),
  );
  const method = createFrejaMethod({
    connector,
    acr: config.acr,
    authnProvider: config.authnProvider,
    pollIntervalMs: config.pollIntervalMs,
  });
  return {
    ...method,
    close: async () => {
      await method.close?.();
      await simulator?.close();
    },
  };
}
