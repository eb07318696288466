import type { AuthenticatedIdentity } from '../../login/authenticated-identity.ts';
import type { SamlValidationResult } from './types.ts';

/** Values that identify a person: shown masked, never in full, by the CLI and in logs. */
const identityFields = new Set<keyof AuthenticatedIdentity>([
  'personalIdentityNumber',
  'coordinationNumber',
  'givenName',
  'familyName',
  'displayName',
  'birthdate',
  'deviceIp',
]);

/** Keeps the first and last two characters: enough to recognise, not to identify. */
export function mask(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

/**
 * A readable account of a verdict for operators: the rule or the mapped identity, with
 * every identity value masked. Attribute values are all masked (they may name the person).
 */
export function describeResult(result: SamlValidationResult): string[] {
  const passed = `passed checks: ${result.passedChecks.join(', ') || '(none)'}`;
  if (result.verdict === 'reject') {
    const lines = [`reject: ${result.rule}`, `  ${result.detail}`, `  ${passed}`];
    if (result.status?.message) lines.push(`  IdP status message: ${result.status.message}`);
    return lines;
  }
  const { assertion } = result;
  const lines = [
    'accept',
    `  ${passed}`,
    `  issuer: ${assertion.issuer}`,
    `  assertion id: ${assertion.id}`,
  ];
  lines.push(
    `  NameID: ${mask(assertion.nameId.value)} (${assertion.nameId.format ?? 'no format'})`,
  );
  lines.push(
    `  signed: response ${assertion.responseSigned}, assertion ${assertion.assertionSigned}`,
  );
  lines.push(`  encrypted: ${assertion.encrypted}`);
  lines.push('  identity:');
  for (const [key, value] of Object.entries(assertion.identity)) {
    const shown = identityFields.has(key as keyof AuthenticatedIdentity)
      ? mask(String(value))
      : JSON.stringify(value);
    lines.push(`    ${key}: ${shown}`);
  }
  lines.push('  attributes:');
  for (const [name, values] of Object.entries(assertion.attributes)) {
    lines.push(`    ${name}: ${values.map(mask).join(', ')}`);
  }
  return lines;
}
