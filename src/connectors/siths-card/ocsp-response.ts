import { X509Certificate, createHash, verify } from 'node:crypto';
import {
  BasicOCSPResponse,
  Nonce,
  OCSPResponse,
  OCSPResponseStatus,
  id_kp_OCSPSigning,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
} from '@peculiar/asn1-ocsp';
import type { ResponderID, SingleResponse } from '@peculiar/asn1-ocsp';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import type { BuiltOcspRequest } from './ocsp-request.ts';
import { RevocationUnavailable } from './revocation-unavailable.ts';
import { sameCertId } from './ocsp-request.ts';

export type OcspStatus = 'good' | 'revoked' | 'unknown';

export interface OcspCheck {
  request: BuiltOcspRequest;
  issuer: X509Certificate;
  now: Date;
  skewMs: number;
  requireNonce: boolean;
}

const hashBySignatureOid: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/**
 * RFC 6960 3.2: the answer is accepted only when it is about our CertID, signed by the card's
 * issuer or by a responder that issuer delegated (id-kp-OCSPSigning), current (thisUpdate /
 * nextUpdate) and, per RFC 8954, carries our nonce.
 */
export function readOcspResponse(der: Buffer, check: OcspCheck): OcspStatus {
  const basic = parseBasic(der);
  verifySignature(basic, check);

  const data = basic.tbsResponseData;
  checkNonce(data.responseExtensions, check);
  const single = data.responses.find((response) =>
    sameCertId(response.certID, check.request.certId),
  );
  if (!single) throw new RevocationUnavailable('the response is about another certificate');
  checkCurrent(single, check);

  if (single.certStatus.revoked) return 'revoked';
  if (single.certStatus.good !== undefined) return 'good';
  return 'unknown';
}

function parseBasic(der: Buffer): BasicOCSPResponse {
  let response: OCSPResponse;
  try {
    response = AsnConvert.parse(der, OCSPResponse);
  } catch (error) {
    throw new RevocationUnavailable('the response is not DER OCSPResponse', { cause: error });
  }
  if (response.responseStatus !== OCSPResponseStatus.successful) {
    const status = OCSPResponseStatus[response.responseStatus] ?? response.responseStatus;
    throw new RevocationUnavailable(`the responder answered ${status}`);
  }
  if (response.responseBytes?.responseType !== id_pkix_ocsp_basic) {
    throw new RevocationUnavailable('the response is not a BasicOCSPResponse');
  }
  return AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
}

function verifySignature(basic: BasicOCSPResponse, check: OcspCheck): void {
  const hash = hashBySignatureOid[basic.signatureAlgorithm.algorithm];
  if (!hash || !basic.tbsResponseDataRaw) {
    throw new RevocationUnavailable(`unsupported signature ${basic.signatureAlgorithm.algorithm}`);
  }
  const signer = findSigner(basic, check);
  const signed = Buffer.from(basic.tbsResponseDataRaw);
  if (!verify(hash, signed, signer.publicKey, Buffer.from(basic.signature))) {
    throw new RevocationUnavailable('the response signature does not verify');
  }
}

/** RFC 6960 4.2.2.2: the issuer itself, or a certificate it issued for OCSP signing. */
function findSigner(basic: BasicOCSPResponse, check: OcspCheck): X509Certificate {
  const responderId = basic.tbsResponseData.responderID;
  if (matchesResponder(check.issuer, responderId)) return check.issuer;

  for (const embedded of basic.certs ?? []) {
    const candidate = new X509Certificate(Buffer.from(AsnConvert.serialize(embedded)));
    if (!matchesResponder(candidate, responderId)) continue;
    const delegated =
      candidate.checkIssued(check.issuer) &&
      candidate.verify(check.issuer.publicKey) &&
      (candidate.keyUsage ?? []).includes(id_kp_OCSPSigning) &&
      check.now >= candidate.validFromDate &&
      check.now <= candidate.validToDate;
    if (delegated) return candidate;
  }
  throw new RevocationUnavailable('the responder is neither the issuer nor delegated by it');
}

function matchesResponder(certificate: X509Certificate, responderId: ResponderID): boolean {
  const tbs = AsnConvert.parse(certificate.raw, Certificate).tbsCertificate;
  if (responderId.byKey) {
    const keyHash = createHash('sha1')
      .update(Buffer.from(tbs.subjectPublicKeyInfo.subjectPublicKey))
      .digest();
    return keyHash.equals(Buffer.from(responderId.byKey.buffer));
  }
  if (responderId.byName) {
    const name = (value: unknown): Buffer => Buffer.from(AsnConvert.serialize(value));
    return name(responderId.byName).equals(name(tbs.subject));
  }
  return false;
}

function checkNonce(
  extensions: BasicOCSPResponse['tbsResponseData']['responseExtensions'],
  check: OcspCheck,
): void {
  const sent = check.request.nonce;
  if (!sent) return;
  const extension = extensions?.find((item) => item.extnID === id_pkix_ocsp_nonce);
  if (!extension) {
    if (check.requireNonce) throw new RevocationUnavailable('the response has no nonce');
    return;
  }
  const received = AsnConvert.parse(extension.extnValue.buffer, Nonce);
  if (!Buffer.from(received.buffer).equals(sent)) {
    throw new RevocationUnavailable('the response nonce is not ours (replay?)');
  }
}

/** RFC 6960 4.2.2.1 / RFC 5019 4: thisUpdate not in the future, nextUpdate not passed. */
function checkCurrent(single: SingleResponse, check: OcspCheck): void {
  const now = check.now.getTime();
  if (single.thisUpdate.getTime() > now + check.skewMs) {
    throw new RevocationUnavailable('the response thisUpdate is in the future');
  }
  if (single.nextUpdate && single.nextUpdate.getTime() < now - check.skewMs) {
    throw new RevocationUnavailable('the response is out of date (nextUpdate passed)');
  }
}
