import type { X509Certificate } from 'node:crypto';
import { CertificateRejected } from './certificate-rejection.ts';
import { x509 } from './x509.ts';

/** What the card's subject says about its holder. */
export interface CardHolder {
  employeeHsaId: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
}

const oid = {
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  commonName: '2.5.4.3',
};

/**
 * domain.md §3.2: `SE` + catalogue owner's organisation number + `-` + suffix, ≤ 31 chars.
 * TODO(siths-test-hsa-id): Inera's test catalogue uses ids like `TSTNMT2321000156-1019`
 * (upstreams.md §3.2); cards from the TEST SITHS chain are refused until that is configurable.
 */
const hsaIdPattern = /^SE\d{10}-[A-Za-z0-9]+$/;

export function isHsaId(value: string): boolean {
  return value.length <= 31 && hsaIdPattern.test(value);
}

/**
 * upstreams.md §3.2: the HSA-ID is the subject serialNumber of the card's HSA-ID certificate.
 * The card's other certificate carries a personnummer there; that one is refused with a
 * reason that lets the page tell the person to pick the other certificate.
 */
export function readCardHolder(card: X509Certificate): CardHolder {
  const subject = new x509.X509Certificate(card.raw).subjectName;
  const first = (id: string): string | undefined => subject.getField(id)[0]?.trim() || undefined;

  const serialNumber = first(oid.serialNumber);
  if (!serialNumber || !isHsaId(serialNumber)) {
    const what =
      serialNumber && /^\d{12}$/.test(serialNumber) ? 'a personal identity number' : 'no HSA-ID';
    throw new CertificateRejected('invalid_hsa_id', `the certificate subject holds ${what}`);
  }
  return {
    employeeHsaId: serialNumber,
    givenName: first(oid.givenName),
    familyName: first(oid.surname),
    displayName: first(oid.commonName),
  };
}
