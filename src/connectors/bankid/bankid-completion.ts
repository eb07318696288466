import type { BankIdConfig } from '../../config/sections/bankid.ts';
import type { AuthenticatedIdentity } from '../../login/authenticated-identity.ts';
import type { CompletionData } from './bankid-types.ts';
import type { BankIdOrderDocument } from './order-repository.ts';

/**
 * completionData.risk against the policy: `high` never passes, `moderate` only when
 * configured, and a missing risk (returnRisk was asked for) fails closed.
 */
export function riskAccepted(risk: string | undefined, config: BankIdConfig): boolean {
  if (risk === 'low') return true;
  return risk === 'moderate' && config.moderateRiskAllowed;
}

/** What the flow keeps of completionData until the hand-over. */
export function completionOf(data: CompletionData): NonNullable<BankIdOrderDocument['completion']> {
  return {
    personalNumber: data.user.personalNumber,
    name: data.user.name,
    givenName: data.user.givenName,
    surname: data.user.surname,
    deviceIp: data.device.ipAddress,
  };
}

/** completionData.user → Brygga's identity record (BankID RP API v6 /collect, complete). */
export function identityFrom(
  completion: NonNullable<BankIdOrderDocument['completion']>,
  orderRef: string,
  config: BankIdConfig,
): AuthenticatedIdentity {
  // Samordningsnummer carry the day of birth plus 60 (SKV 707).
  const day = Number(completion.personalNumber.slice(6, 8));
  const number =
    day > 60
      ? { coordinationNumber: completion.personalNumber }
      : { personalIdentityNumber: completion.personalNumber };
  return {
    method: 'bankid',
    ...number,
    givenName: completion.givenName,
    familyName: completion.surname,
    displayName: completion.name,
    acr: config.acr,
    amr: [...config.amr],
    txn: orderRef,
    authnProvider: config.authnProvider,
    deviceIp: completion.deviceIp,
  };
}
