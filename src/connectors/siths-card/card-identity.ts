import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import type { AuthenticatedIdentity } from '../../login/authenticated-identity.ts';
import type { ValidatedCard } from './card-validator.ts';

/**
 * amr: RFC 8176 `sc` (smart card) and `hwk` (proof of possession of a hardware-held key),
 * plus Brygga's `siths` so clients can tell the credential family (docs/siths-card.md).
 */
export const sithsCardAmr = ['siths', 'sc', 'hwk'];

/** The card's holder in Brygga's internal vocabulary; times are epoch seconds. */
export function cardIdentity(card: ValidatedCard, config: SithsCardConfig): AuthenticatedIdentity {
  const { holder } = card;
  return {
    method: 'siths-card',
    ...(holder.givenName && { givenName: holder.givenName }),
    ...(holder.familyName && { familyName: holder.familyName }),
    ...(holder.displayName && { displayName: holder.displayName }),
    acr: config.acr,
    amr: [...sithsCardAmr],
    authnProvider: config.authnProvider,
    credentialValidFrom: Math.floor(card.validFrom.getTime() / 1000),
    credentialValidTo: Math.floor(card.validTo.getTime() / 1000),
    asserted: { employeeHsaId: holder.employeeHsaId },
  };
}
