import { BryggaError } from '../errors/brygga-error.ts';

/** Who calls the admin API: a client_credentials client and the roles in its metadata. */
export interface Principal {
  clientId: string;
  /** The operator may do everything, including reviewing self-declarations. */
  operator: boolean;
  /** Care providers this client administers (`care-provider-admin:<careProviderId>`). */
  careProviderIds: ReadonlySet<string>;
}

export const operatorRole = 'operator';
export const careProviderAdminRole = 'care-provider-admin';

/** Reads `urn:brygga:roles`; unknown or malformed roles grant nothing. */
export function principalFromRoles(clientId: string, roles: unknown): Principal {
  const list = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  const careProviderIds = new Set<string>();
  for (const role of list) {
    const [name, careProviderId] = role.split(':', 2);
    if (name === careProviderAdminRole && careProviderId) careProviderIds.add(careProviderId);
  }
  return { clientId, operator: list.includes(operatorRole), careProviderIds };
}

export function hasAnyRole(principal: Principal): boolean {
  return principal.operator || principal.careProviderIds.size > 0;
}

export function requireOperator(principal: Principal): void {
  if (!principal.operator) throw new BryggaError('forbidden', 'This needs the operator role');
}

/** The operator, or an administrator of this very care provider. */
export function requireCareProvider(principal: Principal, careProviderId: string): void {
  if (principal.operator || principal.careProviderIds.has(careProviderId)) return;
  throw new BryggaError('forbidden', 'This care provider is not yours to administer');
}

export function mayAdminister(principal: Principal, careProviderId: string): boolean {
  return principal.operator || principal.careProviderIds.has(careProviderId);
}

/** The audit `actor` of a change made through the admin API. */
export function actorOf(principal: Principal): string {
  return `client:${principal.clientId}`;
}
