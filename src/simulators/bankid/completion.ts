import { createHash, randomBytes } from 'node:crypto';
import type { CompletionData, SimOrder } from './sim-order.ts';
import type { TestPerson } from './people.ts';

/**
 * completionData as BankID RP API v6 /collect returns it: `stepUp` only when mrtd was
 * required, `risk` only when returnRisk was asked for.
 */
export function buildCompletionData(
  order: SimOrder,
  person: TestPerson,
  now: number,
): CompletionData {
  const ipAddress = person.deviceIp ?? order.request.endUserIp;
  const uhi = createHash('sha1').update(`uhi:${person.personalNumber}`).digest('base64');
  return {
    user: {
      personalNumber: person.personalNumber,
      name: `${person.givenName} ${person.surname}`,
      givenName: person.givenName,
      surname: person.surname,
    },
    device: { ipAddress, uhi },
    bankIdIssueDate: person.bankIdIssueDate ?? '2020-02-01',
    ...(order.request.mrtd && { stepUp: { mrtd: true } }),
    signature: Buffer.from(signatureXml(order, person, now)).toString('base64'),
    ocspResponse: fakeOcspResponse(),
    ...(order.request.returnRisk && { risk: person.risk ?? 'low' }),
  };
}

// TODO(bankid-sim-signature): the XML has BankID's Signature Profile shape but its
// SignatureValue is random; nothing downstream verifies it (BankID already has).
function signatureXml(order: SimOrder, person: TestPerson, now: number): string {
  const visible = order.request.userVisibleData ?? '';
  const signatureValue = randomBytes(256).toString('base64');
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">',
    '<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
    '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>',
    '</SignedInfo>',
    `<SignatureValue>${signatureValue}</SignatureValue>`,
    '<Object><bankIdSignedData xmlns="http://www.bankid.com/signature/v1.0.0/types"',
    ' Id="bidSignedData">',
    `<usrVisibleData charset="UTF-8" visible="wysiwys">${visible}</usrVisibleData>`,
    `<srvInfo><nonce>${randomBytes(20).toString('base64')}</nonce></srvInfo>`,
    `<clientInfo><funcId>${order.kind === 'auth' ? 'Identification' : 'Signing'}</funcId>`,
    `<version>${Buffer.from(`simulator;${new Date(now).toISOString()}`).toString('base64')}`,
    '</version></clientInfo>',
    `<subject>${createHash('sha256').update(person.personalNumber).digest('hex')}</subject>`,
    '</bankIdSignedData></Object></Signature>',
  ].join('');
}

// TODO(bankid-sim-signature): a DER SEQUENCE wrapper around random bytes, not a real
// OCSP response with a nonce extension.
function fakeOcspResponse(): string {
  const body = randomBytes(120);
  return Buffer.concat([Buffer.from([0x30, 0x78]), body]).toString('base64');
}
