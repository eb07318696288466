import { createHash, randomBytes } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import {
  CertID,
  Nonce,
  OCSPRequest,
  Request,
  TBSRequest,
  id_pkix_ocsp_nonce,
} from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension } from '@peculiar/asn1-x509';

const sha1 = '1.3.14.3.2.26';

export interface BuiltOcspRequest {
  der: Buffer;
  certId: CertID;
  nonce?: Buffer;
}

/**
 * RFC 6960 4.1.1 OCSPRequest for one card: CertID with SHA-1 hashes (the algorithm every
 * responder must accept, 4.3) and, unless turned off, an RFC 8954 nonce of 32 random octets.
 */
export function buildOcspRequest(
  card: X509Certificate,
  issuer: X509Certificate,
  withNonce: boolean,
): BuiltOcspRequest {
  const certId = certIdFor(card, issuer);
  const nonce = withNonce ? randomBytes(32) : undefined;
  const tbsRequest = new TBSRequest({ requestList: [new Request({ reqCert: certId })] });
  if (nonce) {
    tbsRequest.requestExtensions = [
      new Extension({
        extnID: id_pkix_ocsp_nonce,
        critical: false,
        extnValue: new OctetString(AsnConvert.serialize(new Nonce(nonce))),
      }),
    ];
  }
  const der = Buffer.from(AsnConvert.serialize(new OCSPRequest({ tbsRequest })));
  return { der, certId, nonce };
}

/** RFC 6960 4.1.1: hashes of the issuer's DER name and of its public key's BIT STRING value. */
export function certIdFor(card: X509Certificate, issuer: X509Certificate): CertID {
  const issuerAsn = AsnConvert.parse(issuer.raw, Certificate).tbsCertificate;
  const cardAsn = AsnConvert.parse(card.raw, Certificate).tbsCertificate;
  const hash = (bytes: ArrayBuffer): OctetString =>
    new OctetString(createHash('sha1').update(Buffer.from(bytes)).digest());

  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: sha1, parameters: null }),
    issuerNameHash: hash(AsnConvert.serialize(issuerAsn.subject)),
    issuerKeyHash: hash(issuerAsn.subjectPublicKeyInfo.subjectPublicKey),
    serialNumber: cardAsn.serialNumber,
  });
}

/** Field by field: responders may encode the NULL hash parameters or leave them out. */
export function sameCertId(a: CertID, b: CertID): boolean {
  const equal = (x: ArrayBuffer, y: ArrayBuffer): boolean => Buffer.from(x).equals(Buffer.from(y));
  return (
    a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
    equal(a.issuerNameHash.buffer, b.issuerNameHash.buffer) &&
    equal(a.issuerKeyHash.buffer, b.issuerKeyHash.buffer) &&
    equal(a.serialNumber, b.serialNumber)
  );
}
