import type { Domain } from '../../domain/domain.ts';
import type { CareProvider } from '../../domain/model/care-provider.ts';
import type { Licence } from '../../domain/model/licence.ts';
import type { Engagement, StaffMember } from '../../domain/model/staff-member.ts';
import type { AuthenticatedIdentity } from '../authenticated-identity.ts';

/** One care provider the person belongs to, with facts the steps look up once. */
export interface Candidate {
  staffMember: StaffMember;
  engagement: Engagement;
  careProvider: CareProvider | null;
  /** Licences in force; filled by the licence step. */
  licences: Licence[];
}

export interface PolicyContext {
  domain: Domain;
  identity: AuthenticatedIdentity;
  now: Date;
}

export async function candidatesOf(domain: Domain, staffMember: StaffMember): Promise<Candidate[]> {
  return Promise.all(
    staffMember.engagements.map(async (engagement) => ({
      staffMember,
      engagement,
      careProvider: await domain.careProviders.find(engagement.careProviderId),
      licences: [],
    })),
  );
}
