import type {
  AssertedCommission,
  AuthenticatedIdentity,
  HealthcareAttributes,
} from '../../login/authenticated-identity.ts';
import { reject } from '../validation/rejection.ts';
import type { AttributeKey } from './attribute-names.ts';
import { attributeNames, multiValued } from './attribute-names.ts';

export interface AuthnFacts {
  issuer: string;
  acr: string;
  authenticatingAuthorities: string[];
  /** Per-IdP configuration; otherwise derived from the Sambi authnMethod attribute. */
  amr?: string[];
}

const tlsClient = 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient';

/**
 * Upstream attributes → AuthenticatedIdentity, the one vocabulary every login method hands
 * over. Healthcare attributes go to `asserted`; they are combined with stored ones later.
 */
export function mapIdentity(
  attributes: Record<string, string[]>,
  authn: AuthnFacts,
): AuthenticatedIdentity {
  const read = reader(attributes);
  const identity: AuthenticatedIdentity = {
    method: 'siths-federation',
    acr: authn.acr,
    amr: authn.amr ?? amrFrom(read.one('authnMethod')),
    authnProvider: authn.authenticatingAuthorities[0] ?? authn.issuer,
  };
  assign(identity, 'givenName', read.one('givenName'));
  assign(identity, 'familyName', read.one('familyName'));
  assign(identity, 'displayName', read.one('displayName'));
  assign(identity, 'birthdate', read.one('birthdate'));
  assign(identity, 'txn', read.one('transactionIdentifier'));

  const idNumber = read.one('personalIdentityNumber');
  if (idNumber !== undefined) {
    if (!/^\d{12}$/.test(idNumber))
      reject('attribute_invalid', 'personalIdentityNumber is not 12 digits');
    // SKV 707: a samordningsnummer adds 60 to the day of birth.
    if (Number(idNumber.slice(6, 8)) > 60) identity.coordinationNumber = idNumber;
    else identity.personalIdentityNumber = idNumber;
  }

  // TODO(saml-scoped-attributes): orgAffiliation is not mapped yet; when it is, its scope
  // must be checked against the IdP's shibmd:Scope values from metadata (SC-DEPLOY).
  const asserted = healthcare(read);
  if (Object.keys(asserted).length > 0) identity.asserted = asserted;
  return identity;
}

function healthcare(read: Reader): NonNullable<AuthenticatedIdentity['asserted']> {
  const asserted: HealthcareAttributes & { orgNumber?: string; orgName?: string } = {};
  assign(asserted, 'employeeHsaId', read.one('employeeHsaId'));
  assign(asserted, 'personalPrescriptionCode', read.one('personalPrescriptionCode'));
  assign(
    asserted,
    'healthcareProfessionalLicenseIdentityNumber',
    read.one('healthcareProfessionalLicenseIdentityNumber'),
  );
  assign(asserted, 'orgNumber', read.one('orgNumber'));
  assign(asserted, 'orgName', read.one('orgName'));
  for (const key of [
    'groupPrescriptionCodes',
    'healthcareProfessionalLicenses',
    'paTitleCodes',
    'systemRoles',
  ] as const) {
    const values = read.many(key);
    if (values.length > 0) asserted[key] = values;
  }
  const commissionHsaId = read.one('commissionHsaId');
  if (commissionHsaId !== undefined) {
    // The Inera IdP asserts the one commission the person picked (domain.md §3.3).
    // TODO(saml-all-commissions): urn:allCommissions has no published value format yet.
    const commission: AssertedCommission = { commissionHsaId };
    assign(commission, 'commissionName', read.one('commissionName'));
    assign(commission, 'commissionPurpose', read.one('commissionPurpose'));
    assign(commission, 'healthCareUnitHsaId', read.one('healthCareUnitHsaId'));
    assign(commission, 'healthCareUnitName', read.one('healthCareUnitName'));
    assign(commission, 'healthCareProviderHsaId', read.one('healthCareProviderHsaId'));
    assign(commission, 'healthCareProviderName', read.one('healthCareProviderName'));
    asserted.commissions = [commission];
  }
  return asserted;
}

function amrFrom(authnMethod: string | undefined): string[] {
  return authnMethod === tlsClient ? ['siths'] : ['saml'];
}

interface Reader {
  one(key: AttributeKey): string | undefined;
  many(key: AttributeKey): string[];
}

function reader(attributes: Record<string, string[]>): Reader {
  const many = (key: AttributeKey): string[] => {
    const values = attributeNames[key].flatMap((name) => attributes[name] ?? []);
    return [...new Set(values.filter((value) => value !== ''))];
  };
  return {
    many,
    one(key) {
      const values = many(key);
      if (values.length > 1 && !multiValued.has(key)) {
        reject('attribute_invalid', `${key} has ${values.length} different values`);
      }
      return values[0];
    },
  };
}

function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
