import type { AuthenticatedIdentity } from '../../login/authenticated-identity.ts';
import type { FrejaApproval } from './wire-types.ts';

export interface FrejaIdentitySettings {
  acr: string;
  authnProvider: string;
}

/**
 * The internal identity for an approved Freja eID+ login. A samordningsnummer (SKV 707) has
 * the day of birth plus 60, so it goes to coordinationNumber, never personalIdentityNumber.
 */
export function frejaIdentity(
  approval: FrejaApproval,
  settings: FrejaIdentitySettings,
): AuthenticatedIdentity {
  const day = Number(approval.ssn.slice(6, 8));
  const coordination = day > 60;
  const birthDay = String(coordination ? day - 60 : day).padStart(2, '0');
  return {
    method: 'freja',
    ...(coordination
      ? { coordinationNumber: approval.ssn }
      : { personalIdentityNumber: approval.ssn }),
    givenName: approval.givenName,
    familyName: approval.surname,
    displayName: `${approval.givenName} ${approval.surname}`,
    birthdate: `${approval.ssn.slice(0, 4)}-${approval.ssn.slice(4, 6)}-${birthDay}`,
    acr: settings.acr,
    amr: ['freja'],
    txn: approval.authRef,
    authnProvider: settings.authnProvider,
  };
}
