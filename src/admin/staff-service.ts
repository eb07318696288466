import { BryggaError } from '../errors/brygga-error.ts';
import type { Domain } from '../domain/domain.ts';
import { parseInput } from '../domain/model/fields.ts';
import { staffMemberInputSchema } from '../domain/model/staff-member.ts';
import type { StaffMember, StaffMemberInput } from '../domain/model/staff-member.ts';
import { parseIdentityNumber } from '../domain/validation/identity-number.ts';

export interface Registration {
  staff: StaffMember;
  /** False when the person existed and the engagements were added to them. */
  created: boolean;
  /** The person-level fields as the caller gave them, checked and normalised. */
  given: Pick<
    StaffMember,
    'personalIdentityNumber' | 'coordinationNumber' | 'givenName' | 'familyName'
  >;
}

/**
 * Registers staff for their care providers. A person who already works for another care
 * provider is the same person (one record, one personId): the new engagements are added
 * to that record and the person-level fields already stored are kept (a care provider
 * cannot rename or renumber someone another care provider registered).
 */
export async function registerStaff(
  domain: Domain,
  input: StaffMemberInput,
  actor: string,
): Promise<Registration> {
  // Checked whole before any lookup, so a person registered elsewhere and a new one fail
  // the same way on the same input.
  const fields = parseInput(staffMemberInputSchema, input);
  const { personalIdentityNumber, coordinationNumber, givenName, familyName } = fields;
  const given = { personalIdentityNumber, coordinationNumber, givenName, familyName };
  const existing = await findExisting(domain, input);
  if (!existing) return { staff: await domain.staff.create(input, actor), created: true, given };

  const engagements = input.engagements ?? [];
  for (const [index, engagement] of engagements.entries()) {
    if (existing.engagements.some((e) => e.careProviderId === engagement.careProviderId)) {
      throw new BryggaError(
        'conflict',
        `engagements.${index}.careProviderId: this person is already registered here; ` +
          'update the staff member instead',
      );
    }
  }
  // The new engagements come first so error paths keep the caller's indices.
  const merged = { ...inputOf(existing), engagements: [...engagements, ...existing.engagements] };
  const staff = await domain.staff.update(existing.personId, existing.version, merged, actor);
  return { staff, created: false, given };
}

/** By identity number (normalised), else by any employee HSA-ID the input carries. */
export async function findExisting(
  domain: Domain,
  input: StaffMemberInput,
): Promise<StaffMember | null> {
  const identityNumber = normalisedIdentityNumber(
    input.personalIdentityNumber ?? input.coordinationNumber,
  );
  if (identityNumber) return domain.staff.findByIdentityNumber(identityNumber);
  for (const engagement of input.engagements ?? []) {
    if (!engagement.employeeHsaId) continue;
    const found = await domain.staff.findByEmployeeHsaId(engagement.employeeHsaId);
    if (found) return found;
  }
  return null;
}

/** 12 digits, or undefined when the input is no identity number at all. */
export function normalisedIdentityNumber(input: string | undefined): string | undefined {
  if (typeof input !== 'string') return undefined;
  const parsed = parseIdentityNumber(input);
  return parsed.ok ? parsed.value.value : undefined;
}

/** A stored staff member as the input the domain's update takes. */
export function inputOf(staff: StaffMember): StaffMemberInput {
  return {
    personalIdentityNumber: staff.personalIdentityNumber,
    coordinationNumber: staff.coordinationNumber,
    givenName: staff.givenName,
    familyName: staff.familyName,
    engagements: staff.engagements,
  };
}
