import type { StaffMember, StaffMemberInput } from '../domain/model/staff-member.ts';
import { BryggaError } from '../errors/brygga-error.ts';
import type { Principal } from './principal.ts';
import { mayAdminister } from './principal.ts';
import { normalisedIdentityNumber } from './staff-service.ts';

/**
 * The record a PUT /staff/{personId} writes. The operator replaces the whole person. A
 * care-provider admin replaces the names and its own engagements only: the engagements at
 * other care providers are kept as stored, and the identity number, which belongs to the
 * person rather than to one employer, is kept unless the operator changes it.
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
  // Own engagements first, so error paths keep the caller's indices.
  return {
    ...input,
    personalIdentityNumber: current.personalIdentityNumber,
    coordinationNumber: current.coordinationNumber,
    engagements: [...own, ...others],
  };
}
