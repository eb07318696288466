import { z } from 'zod';

const commissionSchema = z.object({
  commissionHsaId: z.string().min(1),
  commissionName: z.string().optional(),
  commissionPurpose: z.string().optional(),
  commissionRight: z.array(z.string()).default([]),
  healthCareUnitHsaId: z.string().optional(),
  healthCareUnitName: z.string().optional(),
  healthCareProviderHsaId: z.string().optional(),
  healthCareProviderName: z.string().optional(),
});

/**
 * A made-up person the SAML IdP simulator can log in as. `style` picks the attribute
 * vocabulary: `inera` sends Sambi names (upstreams.md 3.3), `sweden-connect` sends the
 * urn:oid names of ELN-0604 (domain.md 2.1).
 */
export const samlTestPersonSchema = z.object({
  id: z.string().min(1),
  style: z.enum(['inera', 'sweden-connect']),
  personalIdentityNumber: z.string().regex(/^\d{12}$/, '12 digits'),
  givenName: z.string().min(1),
  surname: z.string().min(1),
  loa: z.string().min(1),
  employeeHsaId: z.string().optional(),
  personalPrescriptionCode: z.string().optional(),
  healthcareProfessionalLicense: z.array(z.string()).default([]),
  systemRole: z.array(z.string()).default([]),
  commissions: z.array(commissionSchema).default([]),
});

export type SamlTestPerson = z.infer<typeof samlTestPersonSchema>;

/** Fictitious people (the common test number 19121212-1212 and Luhn-valid 1880s numbers). */
export const defaultSamlTestPeople: SamlTestPerson[] = [
  samlTestPersonSchema.parse({
    id: 'inera-lakare',
    style: 'inera',
    personalIdentityNumber: '188001019804',
    givenName: 'Lisa',
    surname: 'Läkare',
    loa: 'http://id.sambi.se/loa/loa3',
    employeeHsaId: 'SE5591234567-abc123',
    personalPrescriptionCode: '1234567',
    healthcareProfessionalLicense: ['LK'],
    systemRole: ['NLL;Förskrivare'],
    commissions: [
      {
        commissionHsaId: 'SE5591234567-upp001',
        commissionName: 'Läkare vid vårdcentralen',
        commissionPurpose: 'Vård och behandling',
        commissionRight: ['Läsa;Alla;SJF'],
        healthCareUnitHsaId: 'SE5591234567-enh001',
        healthCareUnitName: 'Vårdcentralen Testby',
        healthCareProviderHsaId: 'SE5591234567-vg0001',
        healthCareProviderName: 'Region Test',
      },
    ],
  }),
  samlTestPersonSchema.parse({
    id: 'sc-tolvan',
    style: 'sweden-connect',
    personalIdentityNumber: '191212121212',
    givenName: 'Tolvan',
    surname: 'Tolvansson',
    loa: 'http://id.elegnamnden.se/loa/1.0/loa3',
  }),
];
