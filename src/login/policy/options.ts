import type { Commission } from '../../domain/model/staff-member.ts';
import type { AssertedCommission, AuthenticatedIdentity } from '../authenticated-identity.ts';
import type { Candidate } from './candidate.ts';
import type { ChoiceLevel } from './choice-level.ts';
import { trustedAssertions } from './hsa-authority.ts';
import type { LoginOption } from './types.ts';

/**
 * What the person may choose between. At commission level each commission is an option (a
 * care provider without commissions is one option); otherwise each care provider is.
 */
export function optionsFor(
  candidates: Candidate[],
  level: ChoiceLevel,
  identity: AuthenticatedIdentity,
): LoginOption[] {
  return candidates.flatMap((candidate) => {
    const careProvider = candidate.careProvider;
    if (!careProvider) return [];
    const base = {
      key: careProvider.id,
      careProviderId: careProvider.id,
      careProviderName: careProvider.name,
      orgNumber: careProvider.orgNumber,
    };
    const commissions = level === 'commission' ? commissionsOf(candidate, identity) : [];
    if (commissions.length === 0) return [base];
    return commissions.map((commission) => ({
      ...base,
      key: `${careProvider.id}/${commission.commissionHsaId}`,
      commission,
    }));
  });
}

/**
 * Stored commissions, updated by those the upstream asserted for this care provider (a
 * SAML IdP backed by HSA knows commissions that changed since the operator's import);
 * only an HSA authority's assertions count.
 */
export function commissionsOf(candidate: Candidate, identity: AuthenticatedIdentity): Commission[] {
  const byId = new Map(candidate.engagement.commissions.map((c) => [c.commissionHsaId, c]));
  const providerHsaId = candidate.careProvider?.hsaId;
  for (const asserted of trustedAssertions(identity)?.commissions ?? []) {
    if (!providerHsaId || asserted.healthCareProviderHsaId?.toUpperCase() !== providerHsaId)
      continue;
    const id = asserted.commissionHsaId.toUpperCase();
    byId.set(id, fromAsserted(asserted, id, byId.get(id)));
  }
  return [...byId.values()];
}

function fromAsserted(
  asserted: AssertedCommission,
  commissionHsaId: string,
  stored: Commission | undefined,
): Commission {
  const merged: Commission = {
    ...stored,
    commissionHsaId,
    name: asserted.commissionName ?? stored?.name ?? commissionHsaId,
    purpose: asserted.commissionPurpose ?? stored?.purpose ?? '',
  };
  const unitHsaId = asserted.healthCareUnitHsaId ?? stored?.careUnitHsaId;
  const unitName = asserted.healthCareUnitName ?? stored?.careUnitName;
  const providerName = asserted.healthCareProviderName ?? stored?.careProviderName;
  if (unitHsaId) merged.careUnitHsaId = unitHsaId.toUpperCase();
  if (unitName) merged.careUnitName = unitName;
  if (asserted.healthCareProviderHsaId) {
    merged.careProviderHsaId = asserted.healthCareProviderHsaId.toUpperCase();
  }
  if (providerName) merged.careProviderName = providerName;
  return merged;
}
