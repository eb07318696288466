import { compactVerify, decodeProtectedHeader } from 'jose';
import type { SigningCertificate } from './signing-certificates.ts';
import { signingCertificateState } from './signing-certificates.ts';
import type { FrejaApproval, FrejaRefusalReason, FrejaRegistrationLevel } from './wire-types.ts';

export type DetailsVerdict =
  { ok: true; approval: FrejaApproval } | { ok: false; reason: FrejaRefusalReason };

/**
 * Checks the `details` of an APPROVED result (upstreams.md §2.6): the signing certificate is
 * chosen by the header's `x5t` among configured ones only, the signature must verify with
 * RS256, and the signed payload must name our authRef, say APPROVED, and carry a Freja eID+
 * (PLUS) Swedish identity. Attributes are taken from the signed payload, never from the
 * unsigned `requestedAttributes` beside it.
 */
export async function verifyDetails(
  detailsJws: string,
  expectedAuthRef: string,
  certificates: ReadonlyMap<string, SigningCertificate>,
  now: Date,
): Promise<DetailsVerdict> {
  let x5t: unknown;
  try {
    x5t = decodeProtectedHeader(detailsJws).x5t;
  } catch {
    return refuse('details_malformed');
  }
  const certificate = typeof x5t === 'string' ? certificates.get(x5t) : undefined;
  if (!certificate) return refuse('unknown_signing_key');
  const state = signingCertificateState(certificate, now);
  if (state === 'expired') return refuse('signing_certificate_expired');
  if (state === 'not_yet_valid') return refuse('signing_certificate_not_yet_valid');

  let payload: Record<string, unknown>;
  try {
    const verified = await compactVerify(detailsJws, certificate.publicKey, {
      algorithms: ['RS256'],
    });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
  } catch {
    return refuse('signature_invalid');
  }
  return judgePayload(payload, expectedAuthRef, certificate, detailsJws);
}

function judgePayload(
  payload: Record<string, unknown>,
  expectedAuthRef: string,
  certificate: SigningCertificate,
  detailsJws: string,
): DetailsVerdict {
  if (payload.authRef !== expectedAuthRef) return refuse('auth_ref_mismatch');
  if (payload.status !== 'APPROVED') return refuse('status_mismatch');
  const timestamp = payload.timestamp;
  if (
    typeof timestamp !== 'number' ||
    timestamp < certificate.notBefore.getTime() ||
    timestamp > certificate.notAfter.getTime()
  ) {
    return refuse('timestamp_outside_certificate');
  }

  const attributes = (payload.requestedAttributes ?? {}) as Record<string, unknown>;
  const level = attributes.registrationLevel as FrejaRegistrationLevel | undefined;
  if (level === undefined) return refuse('attributes_missing');
  if (level !== 'PLUS' || payload.minRegistrationLevel !== 'PLUS') {
    return refuse('registration_level_too_low');
  }
  const basic = attributes.basicUserInfo as { name?: unknown; surname?: unknown } | undefined;
  const ssn = attributes.ssn as { ssn?: unknown; country?: unknown } | undefined;
  if (
    typeof basic?.name !== 'string' ||
    typeof basic.surname !== 'string' ||
    typeof ssn?.ssn !== 'string' ||
    !/^\d{12}$/.test(ssn.ssn) ||
    ssn.country !== 'SE'
  ) {
    return refuse('attributes_missing');
  }

  return {
    ok: true,
    approval: {
      authRef: expectedAuthRef,
      ssn: ssn.ssn,
      givenName: basic.name,
      surname: basic.surname,
      registrationLevel: level,
      timestamp,
      detailsJws,
      x5t: certificate.x5t,
    },
  };
}

function refuse(reason: FrejaRefusalReason): DetailsVerdict {
  return { ok: false, reason };
}
