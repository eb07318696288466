import type { Configuration } from 'oidc-provider';

export const allowedClaimsProperty = 'urn:brygga:allowed_claims';
export const rolesProperty = 'urn:brygga:roles';
/** The scope a client_credentials token needs for the admin API (roles decide the rest). */
export const adminScope = 'admin';

const knownRoles = new Set(['operator', 'care-provider-admin']);

/**
 * Brygga's client metadata extensions: the claims a client may ever receive, and the
 * admin API roles of a client_credentials client (`care-provider-admin:<careProviderId>`).
 */
export const clientMetadataExtensions: Configuration['extraClientMetadata'] = {
  properties: [allowedClaimsProperty, rolesProperty],
  validator(_ctx, key, value) {
    if (value === undefined) return;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw new TypeError(`${key} must be an array of strings`);
    }
    if (key === rolesProperty) {
      for (const role of value as string[]) {
        if (!knownRoles.has(role.split(':')[0] ?? '')) throw new TypeError(`unknown role ${role}`);
      }
    }
  },
};
