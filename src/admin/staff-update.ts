import type { StaffMember, StaffMemberInput } from '../domain/model/staff-member.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import type { Principal } from './principal.ts';
import { mayAdminister } from './principal.ts';
import { normalisedIdentityNumber } from './staff-service.ts';

/**
 * The record a PUT /staff/{personId} writes. The operator replaces the whole person. A
 * care-provider admin replaces its own engagements only: the engagements at other care
 * providers are kept as stored, and the identity number, which belongs to the person
 * rather than to one employer, is kept unless the operator changes it. The names too are
 * the person's: a care-provider admin changes them only while no other care provider has
 * the person (active or not); otherwise one tenant would rename the person for everyone.
 */
export function staffUpdateFor(
  principal: Principal,
  current: StaffMember,
  input: StaffMemberInput,
): StaffMemberInput {
  if (principal.operator) return input;

  for (const field of ['personalIdentityNumber', 'coordinationNumber'] as const) {
    const given = input[field];
    if (given === undefined) continue;
    const normalised = normalisedIdentityNumber(given);
    if (!normalised) throw new BryggaError('bad_request', `${field}: not an identity number`);
    if (normalised !== current[field]) {
      throw new BryggaError(
        'forbidden',
        `${field}: only the operator changes a person's identity number`,
      );
    }
  }
  const own = Array.isArray(input.engagements) ? input.engagements : [];
  const others = current.engagements.filter((e) => !mayAdminister(principal, e.careProviderId));
  if (others.length > 0) assertSameNames(current, input);
  // Own engagements first, so error paths keep the caller's indices.
  return {
    ...input,
    personalIdentityNumber: current.personalIdentityNumber,
    coordinationNumber: current.coordinationNumber,
    engagements: [...own, ...others],
  };
}

function assertSameNames(current: StaffMember, input: StaffMemberInput): void {
  for (const field of ['givenName', 'familyName'] as const) {
    const given = input[field];
    if (typeof given === 'string' && given.trim() === current[field]) continue;
    throw new BryggaError(
      'conflict',
      `${field}: this person is also registered by another care provider, so only the ` +
        'operator changes their names; send the stored names unchanged',
    );
  }
}
