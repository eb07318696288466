import type { AuthenticatedIdentity } from '../../src/login/authenticated-identity.ts';
import type { Domain } from '../../src/domain/domain.ts';
import type { LicensedMethod } from '../../src/domain/model/licence.ts';
import type { StaffMemberInput } from '../../src/domain/model/staff-member.ts';
import { careProviderInput, completeDeclaration } from './inputs.ts';

export const now = new Date('2026-06-01T10:00:00Z');

export interface ProviderSetup {
  orgNumber: string;
  hsaPrefix: string;
  name?: string;
  licence?: {
    methods?: LicensedMethod[];
    seats?: number;
    status?: 'active' | 'suspended';
    from?: string;
    to?: string;
  } | null;
  declaration?: 'approved' | 'expired' | 'submitted' | null;
}

/** A care provider with, by default, a licence in force and an approved declaration. */
export async function provider(domain: Domain, setup: ProviderSetup) {
  const careProvider = await domain.careProviders.create(
    careProviderInput({
      orgNumber: setup.orgNumber,
      name: setup.name ?? `Vårdgivare ${setup.orgNumber}`,
      hsaId: `${setup.hsaPrefix}-VG`,
    }),
    'test',
  );
  if (setup.licence !== null) {
    const licence = setup.licence ?? {};
    await domain.licences.create(
      {
        careProviderId: careProvider.id,
        validFrom: licence.from ?? '2026-01-01T00:00:00Z',
        validTo: licence.to ?? '2027-01-01T00:00:00Z',
        seats: licence.seats ?? 10,
        allowedMethods: licence.methods ?? ['bankid', 'freja', 'siths-card', 'siths-federation'],
        status: licence.status ?? 'active',
      },
      'test',
    );
  }
  const declaration = setup.declaration === undefined ? 'approved' : setup.declaration;
  if (declaration) {
    const draft = await domain.selfDeclarations.createDraft(
      careProvider.id,
      completeDeclaration(),
      't',
    );
    const submittedAt =
      declaration === 'expired' ? new Date('2025-01-01Z') : new Date('2026-02-01Z');
    await domain.selfDeclarations.submit(draft.id, 1, 't', submittedAt);
    if (declaration !== 'submitted') {
      await domain.selfDeclarations.approve(draft.id, 2, 'reviewer', undefined, submittedAt);
    }
  }
  return careProvider;
}

export function commission(hsaPrefix: string, suffix: string, name: string) {
  return {
    commissionHsaId: `${hsaPrefix}-${suffix}`,
    name,
    purpose: 'Vård och behandling',
    careUnitHsaId: `${hsaPrefix}-VE1`,
    careUnitName: 'Vårdcentralen Test',
  };
}

export function staff(
  engagements: StaffMemberInput['engagements'],
  personalIdentityNumber = '199001019802',
): StaffMemberInput {
  return { personalIdentityNumber, givenName: 'Test', familyName: 'Testsson', engagements };
}

export function bankIdIdentity(
  overrides: Partial<AuthenticatedIdentity> = {},
): AuthenticatedIdentity {
  return {
    method: 'bankid',
    personalIdentityNumber: '199001019802',
    givenName: 'Test',
    familyName: 'Testsson',
    displayName: 'Test Testsson',
    acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
    amr: ['bankid'],
    txn: 'order-ref-1',
    authnProvider: 'https://bankid.example/rp/v6.0',
    ...overrides,
  };
}
