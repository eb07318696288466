import Router from '@koa/router';
import type { Context } from 'koa';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { LoginMethod, LoginMethodServices } from '../../login/login-method.ts';
import { cardIdentity } from './card-identity.ts';
import { CardValidator } from './card-validator.ts';
import { isCertificateRejected } from './certificate-rejection.ts';
import type { CertificateRejected } from './certificate-rejection.ts';
import { readPresentedCertificate, normaliseAddress } from './client-certificate.ts';
import type { PresentedCertificate } from './client-certificate.ts';
import { describeCertificate } from './describe-certificate.ts';
import { startPath } from './siths-card-paths.ts';
import type { TrustStore } from './trust-store.ts';

export interface SithsCardMethodOptions {
  config: SithsCardConfig;
  /** The configured SITHS CAs (trust-store.ts loadTrustStore). */
  trust: TrustStore;
  /** Tests move the clock; production uses the real one. */
  now?: () => Date;
}

/** SITHS card login by TLS client certificate (upstreams.md §3.1, docs/siths-card.md). */
export function createSithsCardMethod(options: SithsCardMethodOptions): LoginMethod {
  const { config, trust } = options;
  const now = options.now ?? (() => new Date());

  return {
    id: 'siths-card',
    label: { sv: 'SITHS-kort', en: 'SITHS card' },
    startPath,
    routes(services) {
      const logger = services.logger.child({ component: 'siths-card' });
      const validator = new CardValidator(config, trust, logger);
      const router = new Router();

      router.get(`${startPath}/:uid`, async (ctx) => {
        const uid = ctx.params.uid ?? '';
        let presented: PresentedCertificate | undefined;
        try {
          presented = readPresentedCertificate(ctx, config);
          await loadBoundInteraction(services, ctx, uid);
          const card = await validator.validate(presented.der, now());
          logger.info(
            {
              interactionId: uid,
              via: presented.via,
              issuer: card.issuer,
              serial: card.serialNumber,
              revocation: card.revocation,
            },
            'SITHS card accepted',
          );
          await services.completeLogin(ctx, uid, cardIdentity(card, config));
        } catch (error) {
          if (!isCertificateRejected(error)) throw error;
          await recordRejection(services, logger, ctx, uid, error, presented);
          await loadBoundInteraction(services, ctx, uid);
          const code =
            error.reason === 'missing_certificate' ? 'certificate_missing' : 'certificate_invalid';
          await services.failLogin(ctx, uid, code, error.reason);
        }
      });
      return router;
    },
  };
}

async function loadBoundInteraction(
  services: LoginMethodServices,
  ctx: Context,
  uid: string,
): Promise<void> {
  const interaction = await services.loadInteraction(ctx);
  if (interaction.uid !== uid) throw new BryggaError('interaction_expired');
}

/** Audited before the interaction is looked up, so a forged header is recorded either way. */
async function recordRejection(
  services: LoginMethodServices,
  logger: Logger,
  ctx: Context,
  uid: string,
  rejection: CertificateRejected,
  presented: PresentedCertificate | undefined,
): Promise<void> {
  const peerAddress = normaliseAddress(ctx.req.socket.remoteAddress ?? '');
  const certificate = presented ? describeCertificate(presented.der) : {};
  logger.warn(
    {
      interactionId: uid,
      reason: rejection.reason,
      problem: rejection.message,
      via: presented?.via,
      ...certificate,
    },
    'SITHS card refused',
  );
  await services.audit.record({
    event: 'certificate.rejected',
    method: 'siths-card',
    reason: rejection.reason,
    details: {
      interactionId: uid,
      peerAddress,
      problem: rejection.message,
      via: presented?.via,
      ...certificate,
    },
  });
}
