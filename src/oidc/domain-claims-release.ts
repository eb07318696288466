import { buildClaims, claimsSupported, loadClaimSubjects, scopeClaims } from '../claims/index.ts';
import type { Domain } from '../domain/domain.ts';
import type { ClaimsRelease } from './claims-release.ts';

/**
 * Claims from the login context plus the operator's stored data (src/claims). `acr` and
 * `amr` join the openid scope so oidc-provider puts the login result's values in every
 * ID token (OIDC Sweden profile 3.2.2 requires acr when requested; Brygga always sends it).
 */
export function domainClaimsRelease(domain: Domain): ClaimsRelease {
  return {
    scopeClaims: { ...scopeClaims, openid: [...(scopeClaims.openid ?? []), 'acr', 'amr'] },
    claimsSupported,
    async claimsFor(request) {
      if (!request.context) return {};
      const subjects = await loadClaimSubjects(domain, request.context);
      return buildClaims({
        loginContext: request.context,
        ...subjects,
        client: { 'urn:brygga:allowed_claims': request.allowedClaims, scope: request.clientScope },
        use: request.use,
        scope: request.scope,
        requestedClaims: request.requestedClaims,
        rejected: request.rejected,
      });
    },
  };
}
