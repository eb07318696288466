import { readFileSync } from 'node:fs';
import type { SamlConfig } from '../../config/sections/saml.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import { durationSeconds } from './duration.ts';
import { readIdpDescriptors, parseDate } from './idp-descriptor.ts';
import type { DescriptorProblem, IdpDescriptor } from './idp-descriptor.ts';
import type { MetadataLocation } from './metadata-fetch.ts';
import { attribute, parseSamlXml } from './xml-dom.ts';
import { toPem, verifyRootSignature } from './xml-signature.ts';

/** One place IdPs come from: a signed federation aggregate or one locally trusted IdP. */
export interface MetadataSource {
  id: string;
  location: MetadataLocation;
  /** Pinned signer certificates (PEM); required for federations, absent for local IdPs. */
  signerCertificates?: string[];
  refreshIntervalSeconds: number;
}

export interface InterpretedMetadata {
  idps: IdpDescriptor[];
  validUntil?: Date;
  cacheSeconds?: number;
  problems: DescriptorProblem[];
}

/** The sources named in the `saml` configuration, in order. */
export function metadataSources(config: SamlConfig): MetadataSource[] {
  const federations = config.federations.map((federation) => ({
    id: `federation:${federation.id}`,
    location: federation.url ? { url: federation.url } : { file: federation.file as string },
    signerCertificates: [
      toPem(federation.signerCertificatePem ?? readPem(federation.signerCertificatePath as string)),
    ],
    refreshIntervalSeconds: federation.refreshIntervalSeconds,
  }));
  const idps = config.idps.map((idp, index) => ({
    id: `idp:${index}`,
    location: idp.metadataUrl
      ? { url: idp.metadataUrl }
      : idp.metadataFile
        ? { file: idp.metadataFile }
        : { xml: idp.metadataXml as string },
    refreshIntervalSeconds: 3600,
  }));
  return [...federations, ...idps];
}

/**
 * Checks a metadata document (signature against the pinned signer, validUntil) and reads its
 * IdPs. Throws saml_invalid when the whole document must not be used.
 */
export function interpretMetadata(
  xml: string,
  source: MetadataSource,
  now: Date,
  allowSha1: boolean,
): InterpretedMetadata {
  const what = `metadata ${source.id}`;
  const document = source.signerCertificates
    ? verifyRootSignature(xml, { trustedCertificates: source.signerCertificates, allowSha1, what })
    : parseSamlXml(xml, what);
  const root = document.documentElement;
  const validUntil = parseDate(attribute(root, 'validUntil'));
  if (attribute(root, 'validUntil') && !validUntil) {
    throw new BryggaError('saml_invalid', `${what}: validUntil is not a date`);
  }
  if (validUntil && validUntil.getTime() <= now.getTime()) {
    throw new BryggaError('saml_invalid', `${what}: validUntil has passed`);
  }
  const { idps, problems } = readIdpDescriptors(root, source.id, now);
  const cacheSeconds = durationSeconds(attribute(root, 'cacheDuration'));
  return {
    idps,
    problems,
    ...(validUntil && { validUntil }),
    ...(cacheSeconds && { cacheSeconds }),
  };
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new BryggaError('invalid_config', `cannot read signer certificate ${path}`, { cause });
  }
}
