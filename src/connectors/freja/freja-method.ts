import type { LoginMethod } from '../../login/login-method.ts';
import { FrejaEvidence } from './freja-evidence.ts';
import { FrejaFlow } from './freja-flow.ts';
import type { FrejaAuthenticationService } from './freja-flow.ts';
import { FrejaRequests } from './freja-requests.ts';
import { frejaRoutes } from './freja-routes.ts';
import { frejaTexts } from './freja-texts.ts';

export interface FrejaMethodOptions {
  /** A FrejaConnector (or a test's stand-in). */
  connector: FrejaAuthenticationService & { close?(): Promise<void> };
  /** `freja.acr`, default LoA3 (http://id.elegnamnden.se/loa/1.0/loa3). */
  acr: string;
  /** `freja.authnProvider`, e.g. https://frejaeid.com. */
  authnProvider: string;
  /** `freja.pollIntervalMs`; Freja's minimum is 1000 ms. */
  pollIntervalMs?: number;
  now?: () => Date;
}

/** Freja eID+ as a login method: the page at `/login/freja/:uid` and its routes. */
export function createFrejaMethod(options: FrejaMethodOptions): LoginMethod {
  return {
    id: 'freja',
    label: frejaTexts.label,
    startPath: '/login/freja',
    routes(services) {
      const flow = new FrejaFlow({
        connector: options.connector,
        requests: new FrejaRequests(services.store),
        evidence: new FrejaEvidence(services.store),
        audit: services.audit,
        logger: services.logger,
        acr: options.acr,
        authnProvider: options.authnProvider,
        pollIntervalMs: Math.max(1000, options.pollIntervalMs ?? 2000),
        recordTtlMs: Math.max(600, services.config.oidc.ttl.interaction) * 1000,
        now: options.now ?? (() => new Date()),
      });
      return frejaRoutes(services, flow);
    },
    close: async () => {
      await options.connector.close?.();
    },
  };
}
