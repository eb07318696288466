import type { CareProviderInput } from './model/care-provider.ts';
import type { LicensedMethod } from './model/licence.ts';
import type { StaffMemberInput } from './model/staff-member.ts';

/**
 * Fictitious demo data: organisation numbers, HSA-IDs, a GLN and personnummer with valid
 * check digits, serial numbers in the 98xx range. None belongs to a real organisation or
 * person as far as the authors know; never load this in production.
 */
export interface DemoCareProvider {
  key: string;
  careProvider: CareProviderInput;
  methods: LicensedMethod[];
  seats: number;
  /** `expired`: approved 14 months ago, so logins there are refused. */
  declaration: 'approved' | 'expired';
}

const all: LicensedMethod[] = ['bankid', 'freja', 'siths-card', 'siths-federation'];

export const demoCareProviders: DemoCareProvider[] = [
  provider('region', 'Region Demoland', '2321999993', all, { hsaId: 'SE2321999993-RDL' }),
  provider('municipality', 'Demo kommun', '2120999996', ['bankid', 'freja', 'siths-card'], {
    hsaId: 'SE2120999996-DKO',
  }),
  provider('private-care-provider', 'Demovården AB', '5599990008', ['bankid', 'freja'], {
    hsaId: 'SE5599990008-DVA',
  }),
  provider('pharmacy', 'Apoteket Demo AB', '5569990004', ['bankid', 'siths-card'], {
    gln: '7350999999995',
  }),
  provider('veterinary-practice', 'Demodjurkliniken AB', '5599991006', ['bankid'], {}, 'expired'),
  // Sweden Connect too: the demo's SAML IdP sends Bertil as a Sweden Connect person.
  provider(
    'private-prescriber',
    'Bertil Berg (fritidsförskrivare)',
    '7505039896',
    ['bankid', 'siths-federation'],
    {},
  ),
];

function provider(
  kind: CareProviderInput['kind'],
  name: string,
  orgNumber: string,
  methods: LicensedMethod[],
  extra: Partial<CareProviderInput>,
  declaration: 'approved' | 'expired' = 'approved',
): DemoCareProvider {
  return {
    key: kind,
    careProvider: {
      kind,
      name,
      orgNumber,
      contacts: [{ name: 'Demo Kontakt', email: `kontakt@${kind}.example` }],
      ...extra,
    },
    methods,
    seats: 25,
    declaration,
  };
}

/** Staff; `careProviderId` holds the demo care provider's key until seeding resolves it. */
export const demoStaff: StaffMemberInput[] = [
  {
    personalIdentityNumber: '198006129863',
    givenName: 'Anna',
    familyName: 'Andersson',
    engagements: [
      {
        careProviderId: 'region',
        employeeHsaId: 'SE2321999993-ANAN01',
        personalPrescriptionCode: '9800001',
        healthcareProfessionalLicenses: ['LK'],
        paTitleCodes: ['201010'],
        systemRoles: ['NLL;Förskrivare'],
        commissions: [
          commission('SE2321999993', 'UPP01', 'Läkare, Demo vårdcentral', 'Vård och behandling'),
          commission(
            'SE2321999993',
            'UPP02',
            'Verksamhetschef, Demo vårdcentral',
            'Administration',
          ),
        ],
      },
      {
        careProviderId: 'private-care-provider',
        employeeHsaId: 'SE5599990008-ANAN01',
        personalPrescriptionCode: '9800001',
        healthcareProfessionalLicenses: ['LK'],
      },
    ],
  },
  {
    personalIdentityNumber: '197505039896',
    givenName: 'Bertil',
    familyName: 'Berg',
    engagements: [
      {
        careProviderId: 'private-prescriber',
        personalPrescriptionCode: '9800002',
        healthcareProfessionalLicenses: ['LK'],
      },
    ],
  },
  {
    personalIdentityNumber: '198503159819',
    givenName: 'Cecilia',
    familyName: 'Carlsson',
    engagements: [
      {
        careProviderId: 'pharmacy',
        healthcareProfessionalLicenses: ['AP'],
        systemRoles: ['Farmaceut'],
      },
    ],
  },
  {
    personalIdentityNumber: '197807049825',
    givenName: 'David',
    familyName: 'Dahl',
    engagements: [
      { careProviderId: 'veterinary-practice', healthcareProfessionalLicenses: ['VE'] },
    ],
  },
  {
    personalIdentityNumber: '196911229836',
    givenName: 'Eva',
    familyName: 'Ek',
    engagements: [
      {
        careProviderId: 'municipality',
        employeeHsaId: 'SE2120999996-EVEK01',
        healthcareProfessionalLicenses: ['SJ'],
        groupPrescriptionCodes: ['9300000'],
        commissions: [
          commission(
            'SE2120999996',
            'UPP10',
            'Sjuksköterska, Demo hemsjukvård',
            'Vård och behandling',
          ),
        ],
      },
    ],
  },
  {
    coordinationNumber: '199001619882',
    givenName: 'Fredrik',
    familyName: 'Frisk',
    engagements: [
      { careProviderId: 'private-care-provider', healthcareProfessionalLicenses: ['SJ'] },
    ],
  },
  {
    // Only an HSA-ID: logs in with a SITHS card that carries no personnummer.
    givenName: 'Gustav',
    familyName: 'Gran',
    engagements: [
      {
        careProviderId: 'region',
        employeeHsaId: 'SE2321999993-GUGR01',
        healthcareProfessionalLicenses: ['LK'],
        commissions: [
          commission('SE2321999993', 'UPP03', 'Läkare, Demo akuten', 'Vård och behandling'),
        ],
      },
    ],
  },
];

function commission(prefix: string, suffix: string, name: string, purpose: string) {
  return {
    commissionHsaId: `${prefix}-${suffix}`,
    name,
    purpose,
    careUnitHsaId: `${prefix}-VE${suffix.slice(-2)}`,
    careUnitName: name.split(', ')[1] ?? name,
  };
}
