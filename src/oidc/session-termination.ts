import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log/logger.ts';
import type { LoginRecordRepository } from '../login/login-records.ts';
import type { DocumentStore } from '../store/document-store.ts';
import { StoreAdapter } from './adapter.ts';

/** Models whose entries belong to a grant and end with it. */
const grantBoundModels = ['AccessToken', 'AuthorizationCode', 'RefreshToken'];

/**
 * Ends the OIDC sessions a login produced when the upstream ends it (SAML IdP-initiated
 * logout, SAML profiles 4.4): back-channel logout to every client of the session (OIDC
 * Back-Channel Logout 2.5), the grants and their tokens revoked, the session destroyed.
 */
export class SessionTermination {
  constructor(
    private readonly provider: Provider,
    private readonly store: DocumentStore,
    private readonly loginRecords: LoginRecordRepository,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {}

  async endSessionsOfInteraction(interactionUid: string): Promise<number> {
    const records = await this.loginRecords.findByInteraction(interactionUid);
    const sessionUids = new Set(
      records.flatMap((record) => (record.sessionUid ? [record.sessionUid] : [])),
    );
    for (const sessionUid of sessionUids) await this.endSession(sessionUid);
    for (const record of records) await this.revokeGrant(record.grantId);
    return sessionUids.size;
  }

  private async endSession(sessionUid: string): Promise<void> {
    const session = await this.provider.Session.findByUid(sessionUid);
    if (!session) return;
    const accountId = session.accountId;
    for (const [clientId, authorization] of Object.entries(session.authorizations ?? {})) {
      // backchannelLogout is on oidc-provider's Client but missing from its typings.
      const client = (await this.provider.Client.find(clientId)) as
        | (object & {
            backchannelLogoutUri?: string;
            backchannelLogout(sub: string, sid: string): Promise<void>;
          })
        | undefined;
      if (client?.backchannelLogoutUri && accountId) {
        await client
          .backchannelLogout(accountId, session.sidFor(clientId) ?? '')
          .catch((error: unknown) => {
            this.logger.warn(
              { clientId, reason: (error as Error).message },
              'back-channel logout failed',
            );
          });
      }
      if (authorization.grantId) await this.revokeGrant(authorization.grantId);
    }
    await session.destroy();
    await this.audit.record({
      event: 'session.ended',
      ...(accountId && { personId: accountId }),
      reason: 'upstream_logout',
    });
  }

  private async revokeGrant(grantId: string): Promise<void> {
    const grant = await this.provider.Grant.find(grantId);
    await grant?.destroy();
    for (const model of grantBoundModels)
      await new StoreAdapter(model, this.store).revokeByGrantId(grantId);
  }
}
