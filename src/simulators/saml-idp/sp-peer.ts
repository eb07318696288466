import { BryggaError } from '../../errors/brygga-error.ts';
import {
  attribute,
  childElements,
  elementsAt,
  ns,
  parseSamlXml,
  textOf,
} from '../../saml/metadata/xml-dom.ts';
import { toPem } from '../../saml/metadata/xml-signature.ts';

/** The one SP the simulator answers, read from the SP's own metadata. */
export interface SpPeer {
  entityId: string;
  acsUrls: string[];
  signingCertificates: string[];
  encryptionCertificates: string[];
  sloUrls: string[];
}

export function readSpPeer(metadataXml: string): SpPeer {
  const root = parseSamlXml(metadataXml, 'SP metadata').documentElement;
  const role = childElements(root, ns.md, 'SPSSODescriptor')[0];
  const entityId = attribute(root, 'entityID');
  if (!role || !entityId) throw new BryggaError('saml_invalid', 'not SP metadata');
  const certificates = (use: string) =>
    childElements(role, ns.md, 'KeyDescriptor')
      .filter((key) => (attribute(key, 'use') ?? use) === use)
      .flatMap((key) =>
        elementsAt(key, [
          [ns.ds, 'KeyInfo'],
          [ns.ds, 'X509Data'],
          [ns.ds, 'X509Certificate'],
        ]),
      )
      .map((certificate) => toPem(textOf(certificate)));
  const locations = (name: string) =>
    childElements(role, ns.md, name).map((endpoint) => attribute(endpoint, 'Location') ?? '');
  return {
    entityId,
    acsUrls: locations('AssertionConsumerService'),
    sloUrls: locations('SingleLogoutService'),
    signingCertificates: certificates('signing'),
    encryptionCertificates: certificates('encryption'),
  };
}
