import type { SamlTestPerson } from '../../config/sections/saml-test-people.ts';

/** SAML attribute name → values, as the simulated IdP asserts them for a person. */
export type AssertedAttributes = Array<[name: string, values: string[]]>;

const sambi = (name: string) => `http://sambi.se/attributes/1/${name}`;
const present = (value: string | undefined): string[] => (value ? [value] : []);

/** Inera IdP style: Sambi names, the selected commission inline (upstreams.md 3.3). */
function ineraAttributes(person: SamlTestPerson): AssertedAttributes {
  const commission = person.commissions[0];
  const attributes: AssertedAttributes = [
    [sambi('personalIdentityNumber'), [person.personalIdentityNumber]],
    [sambi('givenName'), [person.givenName]],
    [sambi('surname'), [person.surname]],
    [sambi('employeeHsaId'), present(person.employeeHsaId)],
    [sambi('personalPrescriptionCode'), present(person.personalPrescriptionCode)],
    [sambi('healthcareProfessionalLicense'), person.healthcareProfessionalLicense],
    [sambi('systemRole'), person.systemRole],
    ['urn:sambi:names:attribute:levelOfAssurance', [person.loa]],
    ['urn:sambi:names:attribute:authnMethod', ['urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient']],
  ];
  if (commission) {
    attributes.push(
      [sambi('commissionHsaId'), [commission.commissionHsaId]],
      [sambi('commissionName'), present(commission.commissionName)],
      [sambi('commissionPurpose'), present(commission.commissionPurpose)],
      [sambi('commissionRight'), commission.commissionRight],
      [sambi('healthCareUnitHsaId'), present(commission.healthCareUnitHsaId)],
      [sambi('healthCareUnitName'), present(commission.healthCareUnitName)],
      [sambi('healthCareProviderHsaId'), present(commission.healthCareProviderHsaId)],
      [sambi('healthCareProviderName'), present(commission.healthCareProviderName)],
    );
  }
  return attributes.filter(([, values]) => values.length > 0);
}

/** Sweden Connect style: ELN-0604 urn:oid names, attribute set pnr-01 (domain.md 2.1). */
function swedenConnectAttributes(
  person: SamlTestPerson,
  transactionId: string,
): AssertedAttributes {
  const pnr = person.personalIdentityNumber;
  const attributes: AssertedAttributes = [
    ['urn:oid:1.2.752.29.4.13', [pnr]],
    ['urn:oid:2.5.4.42', [person.givenName]],
    ['urn:oid:2.5.4.4', [person.surname]],
    ['urn:oid:2.16.840.1.113730.3.1.241', [`${person.givenName} ${person.surname}`]],
    ['urn:oid:1.3.6.1.5.5.7.9.1', [`${pnr.slice(0, 4)}-${pnr.slice(4, 6)}-${pnr.slice(6, 8)}`]],
    ['urn:oid:1.2.752.201.3.2', [transactionId]],
    ['urn:oid:1.2.752.29.6.2.1', present(person.employeeHsaId)],
  ];
  return attributes.filter(([, values]) => values.length > 0);
}

export function attributesFor(person: SamlTestPerson, transactionId: string): AssertedAttributes {
  return person.style === 'inera'
    ? ineraAttributes(person)
    : swedenConnectAttributes(person, transactionId);
}
