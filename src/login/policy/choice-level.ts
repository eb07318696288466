import { claim, scope } from '../../claims/names.ts';
import { healthcareClaims } from '../../claims/scope-claims.ts';
import type { LoginRequest } from './types.ts';

/**
 * How far the person must choose: healthcare claims describe one commission, organisation
 * claims one care provider, and other claims need no choice at all.
 */
export type ChoiceLevel = 'none' | 'careProvider' | 'commission';

const organisationClaims: readonly string[] = [
  claim.orgNumber,
  claim.orgName,
  claim.orgAffiliation,
];

export function choiceLevelOf(request: LoginRequest): ChoiceLevel {
  const scopes = request.scope.split(' ');
  const requested = [
    ...Object.keys(request.claims?.id_token ?? {}),
    ...Object.keys(request.claims?.userinfo ?? {}),
  ];

  if (
    scopes.includes(scope.healthcare) ||
    requested.some((name) => healthcareClaims.includes(name))
  ) {
    return 'commission';
  }
  if (
    scopes.includes(scope.naturalPersonOrgId) ||
    requested.some((name) => organisationClaims.includes(name))
  ) {
    return 'careProvider';
  }
  return 'none';
}
