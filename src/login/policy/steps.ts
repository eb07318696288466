import { declarationInForce } from './steps/declaration-in-force.ts';
import { licenceInForce } from './steps/licence-in-force.ts';
import { methodAllowed } from './steps/method-allowed.ts';
import { registered } from './steps/registered.ts';
import { seatsAvailable } from './steps/seats-available.ts';
import type { PolicyStep } from './steps/step.ts';

/**
 * The operator's login rules, in the order they run for each care provider the person
 * belongs to. This list is the one place the order is declared; later steps may rely on
 * facts earlier ones looked up (the licences in force, then those allowing the method).
 */
export const policySteps: readonly PolicyStep[] = [
  registered,
  licenceInForce,
  methodAllowed,
  seatsAvailable,
  declarationInForce,
];

/**
 * The rules a login already made must keep passing while its grant or session is used
 * (refresh, code exchange, UserInfo, prompt=none). Seats are left out: they gate new
 * logins, and a person already logged in holds a seat counted when they were activated.
 */
export const revalidationSteps: readonly PolicyStep[] = policySteps.filter(
  (step) => step !== seatsAvailable,
);
