import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimsSupported, scopeClaims, scopesSupported } from '../../src/claims/index.ts';

test('oidc-provider claims configuration: OIDC Sweden scopes exactly as OS-CLAIMS §3', () => {
  assert.deepEqual(scopeClaims['https://id.oidc.se/scope/naturalPersonInfo'], [
    'family_name',
    'given_name',
    'middle_name',
    'name',
    'birthdate',
  ]);
  assert.deepEqual(scopeClaims['https://id.oidc.se/scope/naturalPersonNumber'], [
    'https://id.oidc.se/claim/personalIdentityNumber',
    'https://id.oidc.se/claim/coordinationNumber',
  ]);
  assert.deepEqual(scopeClaims['https://id.oidc.se/scope/naturalPersonOrgId'], [
    'name',
    'https://id.oidc.se/claim/orgAffiliation',
    'https://id.oidc.se/claim/orgName',
    'https://id.oidc.se/claim/orgNumber',
  ]);
  assert.equal(scopeClaims.healthcare?.length, 15);
  assert.ok(
    scopeClaims.healthcare?.every((name) => name.startsWith('http://sambi.se/attributes/1/')),
  );
  assert.deepEqual(scopeClaims.openid, ['sub', 'txn', 'https://id.oidc.se/claim/authnProvider']);
  assert.equal(scopeClaims.amr, null);
  assert.equal(scopeClaims['https://id.oidc.se/claim/deviceIp'], null);
});

test('claims_supported and scopes_supported cover every configured claim and scope', () => {
  for (const [name, claims] of Object.entries(scopeClaims)) {
    if (claims === null) assert.ok(claimsSupported.includes(name), name);
    else for (const claim of claims) assert.ok(claimsSupported.includes(claim), claim);
  }
  assert.equal(new Set(claimsSupported).size, claimsSupported.length);
  assert.deepEqual(scopesSupported, [
    'openid',
    'https://id.oidc.se/scope/naturalPersonInfo',
    'https://id.oidc.se/scope/naturalPersonNumber',
    'https://id.oidc.se/scope/naturalPersonOrgId',
    'healthcare',
  ]);
});
