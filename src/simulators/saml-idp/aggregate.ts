import { randomUUID } from 'node:crypto';
import { createCertificateAuthority } from '../../dev-pki/dev-pki.ts';
import { byLocalName, signEnveloped } from './xml-sign.ts';
import type { SigningKey } from './xml-sign.ts';

export interface AggregateOptions {
  /** EntityDescriptor documents to include (an XML declaration is dropped). */
  entities: string[];
  signer: SigningKey;
  validUntil: Date;
  /** xs:duration, e.g. `PT1H`. */
  cacheDuration?: string;
  name?: string;
}

/**
 * A federation aggregate (EntitiesDescriptor) signed like Sweden Connect's, for
 * development and tests: no real federation publishes a signed test aggregate.
 */
export function createSignedAggregate(options: AggregateOptions): string {
  const body = options.entities.map((entity) => entity.replace(/^<\?xml[^>]*\?>\s*/, '')).join('');
  const cache = options.cacheDuration ? ` cacheDuration="${options.cacheDuration}"` : '';
  const xml =
    `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"` +
    ` ID="_${randomUUID()}" Name="${options.name ?? 'urn:brygga:test-federation'}"` +
    ` validUntil="${options.validUntil.toISOString()}"${cache}>${body}</md:EntitiesDescriptor>`;
  return signEnveloped(xml, options.signer, byLocalName('EntitiesDescriptor'));
}

/** A self-signed development metadata signer; pin its certificate on the SP side. */
export async function createAggregateSigner(): Promise<SigningKey> {
  const signer = await createCertificateAuthority('Brygga test federation metadata signer');
  return { privateKeyPem: signer.privateKeyPem, certificatePem: signer.certificatePem };
}
