import type { Domain } from '../../domain/domain.ts';
import type { StaffMember } from '../../domain/model/staff-member.ts';
import { identityNumberOf } from '../../domain/model/staff-member.ts';
import type { AuthenticatedIdentity } from '../authenticated-identity.ts';
import { trustedAssertions } from './hsa-authority.ts';

/**
 * Finds the staff member behind an identity: by personnummer or samordningsnummer, else
 * by employee HSA-ID (a SITHS identity may carry no number) when the HSA-ID comes from an
 * authority (hsa-authority.ts); any other IdP must assert the stored identity number. A
 * record found by HSA-ID that holds a different identity number is not this person.
 */
export async function resolveStaffMember(
  domain: Domain,
  identity: AuthenticatedIdentity,
): Promise<StaffMember | null> {
  if (identity.method === 'dev' && identity.personId) return domain.staff.find(identity.personId);

  const identityNumber = identityNumberOf(identity);
  if (identityNumber) {
    const byNumber = await domain.staff.findByIdentityNumber(identityNumber);
    if (byNumber) return byNumber;
  }

  const employeeHsaId = trustedAssertions(identity)?.employeeHsaId;
  if (!employeeHsaId) return null;
  const byHsaId = await domain.staff.findByEmployeeHsaId(employeeHsaId);
  const storedNumber = byHsaId && identityNumberOf(byHsaId);
  if (byHsaId && identityNumber && storedNumber && storedNumber !== identityNumber) return null;
  return byHsaId;
}
