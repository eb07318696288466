import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildClaims, claim, toLoginContext } from '../../src/claims/index.ts';
import type { BuildClaimsInput, LoginContext } from '../../src/claims/index.ts';
import type { CareProvider } from '../../src/domain/model/care-provider.ts';
import type { StaffMember } from '../../src/domain/model/staff-member.ts';

const S = {
  info: 'https://id.oidc.se/scope/naturalPersonInfo',
  number: 'https://id.oidc.se/scope/naturalPersonNumber',
  orgId: 'https://id.oidc.se/scope/naturalPersonOrgId',
};
const meta = { version: 1, createdAt: new Date(0), updatedAt: new Date(0) };

const careProvider: CareProvider = {
  ...meta,
  id: 'cp-1',
  orgNumber: '5591234561',
  name: 'Testvården AB',
  kind: 'private-care-provider',
  hsaId: 'SE5591234561-VG',
  contacts: [],
  status: 'active',
};

const staffMember: StaffMember = {
  ...meta,
  personId: 'p-1',
  personalIdentityNumber: '199001019802',
  givenName: 'Stored',
  familyName: 'Name',
  engagements: [
    {
      careProviderId: 'cp-1',
      employeeHsaId: 'SE5591234561-ABC123',
      personalPrescriptionCode: '1234567',
      groupPrescriptionCodes: [],
      healthcareProfessionalLicenses: ['LK'],
      licenseIdentityNumber: 'LEG123',
      paTitleCodes: ['201010'],
      systemRoles: ['NLL;Förskrivare'],
      commissions: [],
      active: true,
    },
  ],
};

const commission = {
  commissionHsaId: 'SE5591234561-UPP1',
  name: 'Läkare',
  purpose: 'Vård och behandling',
  careUnitHsaId: 'SE5591234561-VE1',
  careUnitName: 'Vårdcentralen',
};

const login: LoginContext = toLoginContext(
  {
    method: 'bankid',
    personalIdentityNumber: '199001019802',
    givenName: 'Test',
    familyName: 'Testsson',
    displayName: 'Test Testsson',
    acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
    amr: ['bankid'],
    txn: 'order-1',
    authnProvider: 'https://bankid.example/rp/v6.0',
    deviceIp: '192.0.2.10',
  },
  { personId: 'p-1', careProviderId: 'cp-1', commission },
);

function claims(overrides: Partial<BuildClaimsInput>): Record<string, unknown> {
  return buildClaims({
    loginContext: login,
    staffMember,
    careProvider,
    client: {},
    use: 'id_token',
    scope: 'openid',
    ...overrides,
  });
}

const keys = (record: Record<string, unknown>) => Object.keys(record).sort();

test('openid alone: authentication information in the ID token only', () => {
  assert.deepEqual(claims({}), {
    txn: 'order-1',
    [claim.authnProvider]: 'https://bankid.example/rp/v6.0',
  });
  assert.deepEqual(claims({ use: 'userinfo' }), {});
});

test('naturalPersonInfo: names and birthdate, UserInfo only (OS-CLAIMS 3.1)', () => {
  const scope = `openid ${S.info}`;
  assert.deepEqual(claims({ use: 'userinfo', scope }), {
    given_name: 'Test',
    family_name: 'Testsson',
    name: 'Test Testsson',
    birthdate: '1990-01-01',
  });
  assert.deepEqual(keys(claims({ scope })), [claim.authnProvider, 'txn']);
});

test('naturalPersonNumber: the number in ID token and UserInfo (OS-CLAIMS 3.2)', () => {
  const scope = `openid ${S.number}`;
  assert.deepEqual(claims({ use: 'userinfo', scope }), {
    [claim.personalIdentityNumber]: '199001019802',
  });
  assert.equal(claims({ scope })[claim.personalIdentityNumber], '199001019802');

  const coordination = toLoginContext(
    { ...login, personalIdentityNumber: undefined, coordinationNumber: '199001619882' },
    { personId: 'p-2' },
  );
  assert.deepEqual(
    claims({ use: 'userinfo', scope, loginContext: coordination, staffMember: null }),
    {
      [claim.coordinationNumber]: '199001619882',
    },
  );
});

test('naturalPersonOrgId: name and orgAffiliation everywhere, org name/number in UserInfo (OS-CLAIMS 3.3)', () => {
  const scope = `openid ${S.orgId}`;
  assert.deepEqual(claims({ use: 'userinfo', scope }), {
    name: 'Test Testsson',
    [claim.orgAffiliation]: 'SE5591234561-ABC123@5591234561',
    [claim.orgName]: 'Testvården AB',
    [claim.orgNumber]: '5591234561',
  });
  assert.deepEqual(
    keys(claims({ scope })),
    [claim.authnProvider, claim.orgAffiliation, 'name', 'txn'].sort(),
  );
});

test('healthcare scope: the Sambi attributes of the chosen commission', () => {
  assert.deepEqual(claims({ use: 'userinfo', scope: 'openid healthcare' }), {
    [claim.employeeHsaId]: 'SE5591234561-ABC123',
    [claim.personalPrescriptionCode]: '1234567',
    [claim.healthcareProfessionalLicense]: ['LK'],
    [claim.healthcareProfessionalLicenseIdentityNumber]: 'LEG123',
    [claim.paTitleCode]: ['201010'],
    [claim.systemRole]: ['NLL;Förskrivare'],
    [claim.commissionHsaId]: 'SE5591234561-UPP1',
    [claim.commissionName]: 'Läkare',
    [claim.commissionPurpose]: 'Vård och behandling',
    [claim.healthCareProviderHsaId]: 'SE5591234561-VG',
    [claim.healthCareProviderName]: 'Testvården AB',
    [claim.healthCareUnitHsaId]: 'SE5591234561-VE1',
    [claim.healthCareUnitName]: 'Vårdcentralen',
  });
  assert.equal(claims({ scope: 'openid healthcare' })[claim.commissionHsaId], 'SE5591234561-UPP1');
});

test('no healthcare claim without the healthcare scope, even when requested', () => {
  const requestedClaims = {
    [claim.employeeHsaId]: null,
    [claim.commissionHsaId]: { essential: true },
  };
  for (const use of ['id_token', 'userinfo'] as const) {
    const released = claims({
      use,
      scope: `openid ${S.info} ${S.number} ${S.orgId}`,
      requestedClaims,
    });
    assert.ok(
      keys(released).every((name) => !name.startsWith('http://sambi.se/')),
      use,
    );
  }
});

test('the claims parameter adds claims and moves them to its destination', () => {
  const requestedClaims = { [claim.orgNumber]: null, [claim.deviceIp]: null, unknown_claim: null };
  const client = { scope: `openid ${S.orgId}` };
  const idToken = claims({ client, scope: `openid ${S.orgId}`, requestedClaims });
  assert.equal(idToken[claim.orgNumber], '5591234561');
  assert.equal(idToken[claim.deviceIp], '192.0.2.10');
  assert.equal('unknown_claim' in idToken, false);
  assert.equal(claims({ client, scope: 'openid' })[claim.deviceIp], undefined);
});

test('the claims parameter never reaches past the scopes the client is registered for', () => {
  const requestedClaims = { [claim.personalIdentityNumber]: null, [claim.orgNumber]: null };
  const client = { scope: `openid ${S.info}` };
  const idToken = claims({ client, scope: 'openid', requestedClaims });
  assert.equal(claim.personalIdentityNumber in idToken, false);
  assert.equal(claim.orgNumber in idToken, false);
  const registered = { scope: `openid ${S.number}` };
  const released = claims({ client: registered, scope: 'openid', requestedClaims });
  assert.equal(released[claim.personalIdentityNumber], '199001019802');
  assert.equal(claim.orgNumber in released, false);
});

test('client allow-list limits everything but authentication-process claims', () => {
  const client = {
    'urn:brygga:allowed_claims': [claim.personalIdentityNumber, claim.commissionHsaId],
  };
  const scope = `openid ${S.info} ${S.number} healthcare`;
  assert.deepEqual(
    keys(claims({ client, scope })),
    [claim.authnProvider, claim.personalIdentityNumber, claim.commissionHsaId, 'txn'].sort(),
  );
  assert.deepEqual(
    keys(claims({ client, scope, use: 'userinfo' })),
    [claim.personalIdentityNumber, claim.commissionHsaId].sort(),
  );
  assert.deepEqual(
    claims({ client: { 'urn:brygga:allowed_claims': [] }, scope, use: 'userinfo' }),
    {},
  );
});

test('rejected claims are not released', () => {
  const released = claims({ use: 'userinfo', scope: `openid ${S.info}`, rejected: ['birthdate'] });
  assert.equal('birthdate' in released, false);
  assert.equal(released.given_name, 'Test');
});

test('precedence: upstream person data, stored healthcare data, upstream fills gaps', () => {
  const siths = toLoginContext(
    {
      method: 'siths-federation',
      acr: 'http://id.sambi.se/loa/loa3',
      amr: ['siths'],
      authnProvider: 'https://idp.example-region.se/saml',
      assertingParty: { entityId: 'https://idp.example-region.se/saml', hsaAuthority: true },
      givenName: 'Asserted',
      asserted: {
        employeeHsaId: 'SE5591234561-OTHER',
        groupPrescriptionCodes: ['9300000'],
        personalPrescriptionCode: '7654321',
        orgNumber: '2321000016',
      },
    },
    { personId: 'p-1', careProviderId: 'cp-1' },
  );
  const released = claims({
    loginContext: siths,
    use: 'userinfo',
    scope: `openid ${S.info} ${S.number} ${S.orgId} healthcare`,
  });
  assert.equal(released.given_name, 'Asserted');
  assert.equal(released.family_name, 'Name');
  assert.equal(released.name, 'Asserted Name');
  assert.equal(released[claim.personalIdentityNumber], '199001019802');
  assert.equal(released.birthdate, '1990-01-01');
  assert.equal(released[claim.employeeHsaId], 'SE5591234561-ABC123');
  assert.equal(released[claim.personalPrescriptionCode], '1234567');
  assert.deepEqual(released[claim.groupPrescriptionCode], ['9300000']);
  assert.equal(released[claim.orgNumber], '5591234561');
  assert.equal(released[claim.commissionHsaId], undefined);
});

test('a pharmacy user gets the GLN as pharmacyIdentifier', () => {
  const pharmacy: CareProvider = { ...careProvider, kind: 'pharmacy', gln: '7350000000009' };
  const released = claims({ careProvider: pharmacy, scope: 'openid healthcare', use: 'userinfo' });
  assert.equal(released[claim.pharmacyIdentifier], '7350000000009');
  assert.equal(
    claims({ scope: 'openid healthcare', use: 'userinfo' })[claim.pharmacyIdentifier],
    undefined,
  );
});
