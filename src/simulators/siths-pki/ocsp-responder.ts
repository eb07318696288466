import { createHash, createSign } from 'node:crypto';
import {
  BasicOCSPResponse,
  CertStatus,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
} from '@peculiar/asn1-ocsp';
import type { CertID } from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension } from '@peculiar/asn1-x509';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';

/** What the simulated responder says about one serial number (hex, lower case). */
export type SimulatedStatus =
  { status: 'good' } | { status: 'revoked'; at: Date } | { status: 'unknown' };

export interface ResponderKeys {
  issuer: IssuedCertificate;
  signer: IssuedCertificate;
}

const sha256WithRsa = '1.2.840.113549.1.1.11';

/**
 * RFC 6960 responder: answers each CertID of a DER OCSPRequest, echoes the RFC 8954 nonce and
 * signs with the delegated signer (whose certificate travels in `certs`). A request it cannot
 * parse gets the unsigned `malformedRequest` answer (RFC 6960 2.3).
 */
export function answerOcspRequest(
  requestDer: Buffer,
  keys: ResponderKeys,
  statusOf: (serialHex: string, sameIssuer: boolean) => SimulatedStatus,
  now = new Date(),
): Buffer {
  let request: OCSPRequest;
  try {
    request = AsnConvert.parse(requestDer, OCSPRequest);
  } catch {
    return errorResponse(OCSPResponseStatus.malformedRequest);
  }
  const issuerHashes = hashesOf(keys.issuer);
  const responses = request.tbsRequest.requestList.map(({ reqCert }) => {
    const serialHex = Buffer.from(reqCert.serialNumber).toString('hex').replace(/^00/, '');
    const state = statusOf(serialHex, sameIssuer(reqCert, issuerHashes));
    return new SingleResponse({
      certID: reqCert,
      certStatus: certStatus(state),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 3_600_000),
    });
  });
  const nonce = request.tbsRequest.requestExtensions?.find(
    (item) => item.extnID === id_pkix_ocsp_nonce,
  );
  const signerTbs = AsnConvert.parse(keys.signer.certificate.rawData, Certificate);
  const keyHash = createHash('sha1')
    .update(Buffer.from(signerTbs.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey))
    .digest();

  const data = new ResponseData({
    responderID: new ResponderID({ byKey: new OctetString(keyHash) }),
    producedAt: now,
    responses,
    ...(nonce && { responseExtensions: [new Extension(nonce)] }),
  });
  const tbs = Buffer.from(AsnConvert.serialize(data));
  const signature = createSign('sha256').update(tbs).sign(keys.signer.privateKeyPem);
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: sha256WithRsa, parameters: null }),
    signature: new Uint8Array(signature).buffer,
    certs: [signerTbs],
  });
  return Buffer.from(
    AsnConvert.serialize(
      new OCSPResponse({
        responseStatus: OCSPResponseStatus.successful,
        responseBytes: new ResponseBytes({
          responseType: id_pkix_ocsp_basic,
          response: new OctetString(AsnConvert.serialize(basic)),
        }),
      }),
    ),
  );
}

export function errorResponse(status: OCSPResponseStatus): Buffer {
  return Buffer.from(AsnConvert.serialize(new OCSPResponse({ responseStatus: status })));
}

function certStatus(state: SimulatedStatus): CertStatus {
  if (state.status === 'good') return new CertStatus({ good: null });
  if (state.status === 'revoked')
    return new CertStatus({ revoked: new RevokedInfo({ revocationTime: state.at }) });
  return new CertStatus({ unknown: null });
}

interface IssuerHashes {
  name: Buffer;
  key: Buffer;
}

function hashesOf(issuer: IssuedCertificate): IssuerHashes {
  const tbs = AsnConvert.parse(issuer.certificate.rawData, Certificate).tbsCertificate;
  const sha1 = (bytes: ArrayBuffer): Buffer =>
    createHash('sha1').update(Buffer.from(bytes)).digest();
  return {
    name: sha1(AsnConvert.serialize(tbs.subject)),
    key: sha1(tbs.subjectPublicKeyInfo.subjectPublicKey),
  };
}

function sameIssuer(certId: CertID, hashes: IssuerHashes): boolean {
  return (
    certId.hashAlgorithm.algorithm === '1.3.14.3.2.26' &&
    Buffer.from(certId.issuerNameHash.buffer).equals(hashes.name) &&
    Buffer.from(certId.issuerKeyHash.buffer).equals(hashes.key)
  );
}
