import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapIdentity } from '../../src/saml/attributes/map-identity.ts';
import { SamlRejection } from '../../src/saml/validation/rejection.ts';

const authn = {
  issuer: 'https://idp.ineratest.org:443/saml',
  acr: 'http://id.sambi.se/loa/loa3',
  authenticatingAuthorities: [],
};
const sambi = (name: string) => `http://sambi.se/attributes/1/${name}`;

test('current Sambi names with a selected commission map to asserted healthcare attributes', () => {
  const identity = mapIdentity(
    {
      [sambi('employeeHsaId')]: ['SE5591234567-abc123'],
      [sambi('givenName')]: ['Anna'],
      [sambi('surname')]: ['Läkare Svensson'],
      [sambi('personalPrescriptionCode')]: ['1234567'],
      [sambi('paTitleCode')]: ['201010', '204010'],
      [sambi('systemRole')]: ['BIF;Spärradministratör'],
      [sambi('healthcareProfessionalLicense')]: ['LK'],
      [sambi('commissionHsaId')]: ['SE5591234567-uppdrag1'],
      [sambi('commissionPurpose')]: ['Vård och behandling'],
      [sambi('healthCareUnitHsaId')]: ['SE5591234567-enhet'],
      [sambi('healthCareProviderHsaId')]: ['SE5591234567-vg'],
      [sambi('healthCareProviderName')]: ['Region Test'],
      'urn:sambi:names:attribute:authnMethod': ['urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient'],
    },
    authn,
  );
  assert.equal(identity.method, 'siths-federation');
  assert.deepEqual(identity.amr, ['siths']);
  assert.equal(identity.givenName, 'Anna');
  assert.equal(identity.familyName, 'Läkare Svensson');
  assert.equal(identity.authnProvider, authn.issuer);
  assert.equal(identity.asserted?.employeeHsaId, 'SE5591234567-abc123');
  assert.deepEqual(identity.asserted?.paTitleCodes, ['201010', '204010']);
  assert.deepEqual(identity.asserted?.systemRoles, ['BIF;Spärradministratör']);
  assert.deepEqual(identity.asserted?.healthcareProfessionalLicenses, ['LK']);
  assert.deepEqual(identity.asserted?.commissions, [
    {
      commissionHsaId: 'SE5591234567-uppdrag1',
      commissionPurpose: 'Vård och behandling',
      healthCareUnitHsaId: 'SE5591234567-enhet',
      healthCareProviderHsaId: 'SE5591234567-vg',
      healthCareProviderName: 'Region Test',
    },
  ]);
});

test('legacy Sambi names map to the same vocabulary', () => {
  const legacy = (name: string) => `urn:sambi:names:attribute:${name}`;
  const identity = mapIdentity(
    {
      [legacy('employeeHsaId')]: ['SE5591234567-abc123'],
      [legacy('middleAndSurname')]: ['Svensson'],
      [legacy('assignmentHsaId')]: ['SE5591234567-uppdrag1'],
      [legacy('careUnitHsaId')]: ['SE5591234567-enhet'],
      [legacy('titleCode')]: ['201010'],
    },
    { ...authn, amr: ['siths', 'hwk'] },
  );
  assert.equal(identity.familyName, 'Svensson');
  assert.deepEqual(identity.amr, ['siths', 'hwk']);
  assert.equal(identity.asserted?.commissions?.[0]?.healthCareUnitHsaId, 'SE5591234567-enhet');
  assert.deepEqual(identity.asserted?.paTitleCodes, ['201010']);
});

test('Sweden Connect names: coordination number, txn, organisation, authority', () => {
  const identity = mapIdentity(
    {
      'urn:oid:1.2.752.29.4.13': ['197010632391'],
      'urn:oid:1.2.752.201.3.2': ['order-ref-1'],
      'urn:oid:2.5.4.97': ['5591234567'],
      'urn:oid:2.5.4.10': ['Testbolaget AB'],
    },
    { ...authn, authenticatingAuthorities: ['https://bankid.test/idp'] },
  );
  assert.equal(identity.coordinationNumber, '197010632391');
  assert.equal(identity.personalIdentityNumber, undefined);
  assert.equal(identity.txn, 'order-ref-1');
  assert.equal(identity.asserted?.orgNumber, '5591234567');
  assert.equal(identity.authnProvider, 'https://bankid.test/idp');
  assert.deepEqual(identity.amr, ['saml']);
});

test('conflicting single values and malformed identity numbers are refused', () => {
  const conflict = () =>
    mapIdentity(
      {
        'urn:oid:1.2.752.29.4.13': ['197309069289'],
        [sambi('personalIdentityNumber')]: ['191212121212'],
      },
      authn,
    );
  assert.throws(
    conflict,
    (error) => error instanceof SamlRejection && error.rule === 'attribute_invalid',
  );
  const malformed = () => mapIdentity({ 'urn:oid:1.2.752.29.4.13': ['19730906-9289'] }, authn);
  assert.throws(
    malformed,
    (error) => error instanceof SamlRejection && error.rule === 'attribute_invalid',
  );
  const same = mapIdentity(
    {
      'urn:oid:1.2.752.29.4.13': ['197309069289'],
      [sambi('personalIdentityNumber')]: ['197309069289'],
    },
    authn,
  );
  assert.equal(same.personalIdentityNumber, '197309069289');
});
