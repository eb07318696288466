import type { CareProviderInput } from '../../src/domain/model/care-provider.ts';
import type { DeclarationDraftInput } from '../../src/domain/model/self-declaration.ts';
import { declarationItems } from '../../src/domain/model/self-declaration.ts';

/** Fictitious, check-digit-valid identifiers used across the domain tests. */
export const ids = {
  orgNumber: '5591234561',
  otherOrgNumber: '5560000001',
  personnummer: '199001019802',
  otherPersonnummer: '198503159819',
  coordinationNumber: '199001619882',
  hsaPrefix: 'SE5591234561',
  gln: '7350000000009',
};

export function careProviderInput(overrides: Partial<CareProviderInput> = {}): CareProviderInput {
  return {
    orgNumber: ids.orgNumber,
    name: 'Testvården AB',
    kind: 'private-care-provider',
    hsaId: `${ids.hsaPrefix}-VG01`,
    contacts: [{ name: 'Kontakt Person', email: 'kontakt@example.se' }],
    ...overrides,
  };
}

export function completeDeclaration(): DeclarationDraftInput {
  return {
    answers: Object.fromEntries(
      declarationItems.map((item) => [item, { fulfilled: true, description: `We do ${item}.` }]),
    ),
    responsiblePerson: { name: 'Ansvarig Person', role: 'CISO' },
    signedOn: '2026-01-15',
  };
}
