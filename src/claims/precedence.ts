import type { CareProvider } from '../domain/model/care-provider.ts';
import type { StaffMember } from '../domain/model/staff-member.ts';
import { assertsHealthcareWithAuthority } from '../login/policy/hsa-authority.ts';
import type { LoginContext } from './login-context.ts';
import {
  authentication,
  birthdateFromNumber,
  fromCommission,
  healthcareFromStaff,
  healthcareFromUpstream,
  organisationFromCareProvider,
  organisationFromUpstream,
  personFromStaff,
  personFromUpstream,
} from './sources.ts';
import type { Attributes } from './vocabulary.ts';
import { mergeByPrecedence } from './vocabulary.ts';

export interface ClaimSubjects {
  login: LoginContext;
  staffMember: StaffMember | null;
  careProvider: CareProvider | null;
}

/**
 * The precedence, declared once (docs/claims.md explains it). Earlier sources win:
 *
 * 1. The person (names, identity number, birthdate): the e-identity just used, then the
 *    operator's record, then the birthdate read from the identity number.
 * 2. The organisation: the chosen care provider as the operator reviewed it, then what an
 *    HSA authority asserted (login/policy/hsa-authority.ts; other IdPs' assertions are
 *    dropped here, as in the login policy).
 * 3. The commission: the one chosen at login.
 * 4. Per-care-provider healthcare attributes (HSA-ID, prescriber codes, licences, roles):
 *    the operator's record for the chosen care provider, then what an HSA authority asserted.
 * 5. Authentication information: only the login itself.
 */
export function attributesOf(subjects: ClaimSubjects): Attributes {
  const { staffMember, careProvider } = subjects;
  const login = withTrustedAssertions(subjects.login);
  const attributes = mergeByPrecedence([
    personFromUpstream(login),
    personFromStaff(staffMember),
    birthdateFromNumber(login, staffMember),
    organisationFromCareProvider(careProvider),
    organisationFromUpstream(login),
    fromCommission(login.commission),
    healthcareFromStaff(staffMember, login.careProviderId),
    healthcareFromUpstream(login),
    authentication(login),
  ]);
  return { ...attributes, orgPersonId: attributes.employeeHsaId ?? login.personId };
}

function withTrustedAssertions(login: LoginContext): LoginContext {
  if (assertsHealthcareWithAuthority(login) || !login.asserted) return login;
  const vouched = { ...login };
  delete vouched.asserted;
  return vouched;
}
