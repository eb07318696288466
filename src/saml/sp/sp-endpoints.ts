import type { SamlSpConfig } from '../../config/sections/saml.ts';

/** Our SAML addresses for this deployment, derived from the OIDC issuer unless configured. */
export interface SpEndpoints {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  metadataUrl: string;
}

export const spPaths = {
  metadata: '/saml/metadata',
  acs: '/saml/acs',
  slo: '/saml/slo',
  discovery: '/login/saml',
} as const;

export function spEndpoints(config: SamlSpConfig, issuer: string): SpEndpoints {
  const base = issuer.replace(/\/+$/, '');
  return {
    entityId: config.entityId ?? `${base}/saml/sp`,
    acsUrl: config.acsUrl ?? `${base}${spPaths.acs}`,
    sloUrl: `${base}${spPaths.slo}`,
    metadataUrl: `${base}${spPaths.metadata}`,
  };
}
