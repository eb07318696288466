import { BankIdUpstreamError } from './bankid-errors.ts';
import type { CollectResult, CompletionData, OrderResponse } from './bankid-types.ts';

type Json = Record<string, unknown>;

/** /auth response: four strings; anything else is a broken response. */
export function parseOrder(body: unknown): OrderResponse {
  const record = object(body);
  const fields = ['orderRef', 'autoStartToken', 'qrStartToken', 'qrStartSecret'] as const;
  for (const field of fields) {
    if (typeof record[field] !== 'string' || record[field] === '') bad(`auth: ${field}`);
  }
  return {
    orderRef: record.orderRef as string,
    autoStartToken: record.autoStartToken as string,
    qrStartToken: record.qrStartToken as string,
    qrStartSecret: record.qrStartSecret as string,
  };
}

/**
 * /collect response. Unknown properties are ignored and unknown hint codes passed on
 * (BankID RP API v6 /collect: clients must tolerate new ones).
 */
export function parseCollect(body: unknown): CollectResult {
  const record = object(body);
  const orderRef = record.orderRef;
  if (typeof orderRef !== 'string') bad('collect: orderRef');
  if (record.status === 'pending' || record.status === 'failed') {
    const hintCode = typeof record.hintCode === 'string' ? record.hintCode : 'unknown';
    return { orderRef, status: record.status, hintCode };
  }
  if (record.status === 'complete') {
    return { orderRef, status: 'complete', completionData: completion(record.completionData) };
  }
  bad('collect: status');
}

function completion(value: unknown): CompletionData {
  const record = object(value);
  const user = object(record.user);
  const device = object(record.device);
  if (typeof user.personalNumber !== 'string' || !/^\d{12}$/.test(user.personalNumber)) {
    bad('completionData.user.personalNumber');
  }
  for (const field of ['name', 'givenName', 'surname']) {
    if (typeof user[field] !== 'string') bad(`completionData.user.${field}`);
  }
  if (typeof device.ipAddress !== 'string') bad('completionData.device.ipAddress');
  if (typeof record.signature !== 'string' || typeof record.ocspResponse !== 'string') {
    bad('completionData.signature');
  }
  const stepUp = typeof record.stepUp === 'object' && record.stepUp !== null ? record.stepUp : null;
  return {
    user: {
      personalNumber: user.personalNumber,
      name: user.name as string,
      givenName: user.givenName as string,
      surname: user.surname as string,
    },
    device: {
      ipAddress: device.ipAddress,
      ...(typeof device.uhi === 'string' && { uhi: device.uhi }),
    },
    ...(typeof record.bankIdIssueDate === 'string' && { bankIdIssueDate: record.bankIdIssueDate }),
    ...(stepUp && { stepUp: { mrtd: (stepUp as Json).mrtd === true } }),
    signature: record.signature as string,
    ocspResponse: record.ocspResponse as string,
    ...(typeof record.risk === 'string' && { risk: record.risk.toLowerCase() }),
  };
}

function object(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('not an object');
  return value as Json;
}

function bad(what: string): never {
  throw new BankIdUpstreamError('badResponse', 200, what);
}
