import type { Domain } from '../domain/domain.ts';
import type { CareProvider } from '../domain/model/care-provider.ts';
import type { StaffMember } from '../domain/model/staff-member.ts';
import type { LoginContext } from './login-context.ts';

/** Reads what buildClaims needs besides the login context, fresh from the store. */
export async function loadClaimSubjects(
  domain: Domain,
  loginContext: LoginContext,
): Promise<{ staffMember: StaffMember | null; careProvider: CareProvider | null }> {
  const [staffMember, careProvider] = await Promise.all([
    domain.staff.find(loginContext.personId),
    loginContext.careProviderId ? domain.careProviders.find(loginContext.careProviderId) : null,
  ]);
  return { staffMember, careProvider };
}
