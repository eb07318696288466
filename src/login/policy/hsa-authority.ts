import type { AuthenticatedIdentity } from '../authenticated-identity.ts';

type Asserted = NonNullable<AuthenticatedIdentity['asserted']>;

/**
 * Whether the HSA-ID, commissions and healthcare attributes an identity carries may be
 * believed. A SITHS card's HSA-ID comes from a certificate validated against the configured
 * SITHS CAs; a SAML IdP's only when the operator made it an HSA authority (e.g. Inera's
 * IdP, which reads HSA): any other trusted IdP could otherwise name any staff member's
 * HSA-ID or invent commissions. The development login is refused in production.
 */
export function assertsHealthcareWithAuthority(identity: AuthenticatedIdentity): boolean {
  switch (identity.method) {
    case 'siths-card':
    case 'dev':
      return true;
    case 'siths-federation':
      return identity.assertingParty?.hsaAuthority === true;
    default:
      return false;
  }
}

/** The asserted attributes Brygga may use: all of them from an authority, else none. */
export function trustedAssertions(identity: AuthenticatedIdentity): Asserted | undefined {
  return assertsHealthcareWithAuthority(identity) ? identity.asserted : undefined;
}
