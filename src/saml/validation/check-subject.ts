import { attribute, childElement, childElements, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import type { Clock } from './clock.ts';
import { assertNotBefore, assertNotOnOrAfter, parseInstant } from './clock.ts';
import { SamlRejection, reject } from './rejection.ts';

const bearer = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface CheckedSubject {
  nameId: { value: string; format?: string };
  notOnOrAfter: Date;
}

/**
 * SAML profiles 4.1.4.2: the Subject names the person and at least one bearer
 * SubjectConfirmation whose data has our ACS as Recipient, a NotOnOrAfter in the future
 * and the InResponseTo of the request we sent (absent only for allowed unsolicited ones).
 */
export function checkSubject(
  assertion: Element,
  recipient: string,
  inResponseTo: string | undefined,
  clock: Clock,
): CheckedSubject {
  const subject = childElement(assertion, ns.assertion, 'Subject');
  if (!subject) reject('subject_invalid', 'assertion has no Subject');
  // TODO(saml-encrypted-id): EncryptedID is not used by SC or Inera and is refused.
  const nameIds = childElements(subject, ns.assertion, 'NameID');
  if (nameIds.length !== 1) reject('subject_invalid', 'Subject does not hold exactly one NameID');
  const nameIdElement = nameIds[0] as Element;
  const value = wholeText(nameIdElement).trim();
  if (!value) reject('subject_invalid', 'NameID is empty');
  const format = attribute(nameIdElement, 'Format');

  const confirmations = childElements(subject, ns.assertion, 'SubjectConfirmation').filter(
    (confirmation) => attribute(confirmation, 'Method') === bearer,
  );
  if (confirmations.length === 0) {
    reject('subject_confirmation_invalid', 'no bearer SubjectConfirmation');
  }
  let firstFailure: SamlRejection | undefined;
  for (const confirmation of confirmations) {
    try {
      const notOnOrAfter = checkBearer(confirmation, recipient, inResponseTo, clock);
      return { nameId: { value, ...(format ? { format } : {}) }, notOnOrAfter };
    } catch (error) {
      if (!(error instanceof SamlRejection)) throw error;
      firstFailure ??= error;
    }
  }
  throw firstFailure;
}

function checkBearer(
  confirmation: Element,
  recipient: string,
  inResponseTo: string | undefined,
  clock: Clock,
): Date {
  const data = childElement(confirmation, ns.assertion, 'SubjectConfirmationData');
  if (!data) reject('subject_confirmation_invalid', 'bearer confirmation has no data');
  const dataRecipient = attribute(data, 'Recipient');
  if (dataRecipient !== recipient) {
    reject('recipient_mismatch', `Recipient ${dataRecipient ?? '(none)'} is not ${recipient}`);
  }
  const notOnOrAfter = parseInstant(
    attribute(data, 'NotOnOrAfter'),
    'SubjectConfirmationData NotOnOrAfter',
    'subject_confirmation_invalid',
  );
  assertNotOnOrAfter(clock, notOnOrAfter, 'SubjectConfirmationData');
  const notBefore = attribute(data, 'NotBefore');
  if (notBefore !== undefined) {
    const instant = parseInstant(
      notBefore,
      'SubjectConfirmationData NotBefore',
      'subject_confirmation_invalid',
    );
    assertNotBefore(clock, instant, 'SubjectConfirmationData');
  }
  if (attribute(data, 'InResponseTo') !== inResponseTo) {
    reject(
      'subject_confirmation_invalid',
      'SubjectConfirmationData InResponseTo differs from the Response',
    );
  }
  return notOnOrAfter;
}
