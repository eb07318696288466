import { isIP } from 'node:net';
import { hasValidCheckDigit } from './people.ts';
import { invalidParameters } from './rp-error.ts';

/** What the simulator keeps from a valid /auth or /sign body (BankID RP API v6 /auth). */
export interface StartRequest {
  endUserIp: string;
  personalNumber?: string;
  mrtd: boolean;
  risk?: 'low' | 'moderate';
  returnRisk: boolean;
  returnUrl?: string;
  userVisibleData?: string;
}

type Body = Record<string, unknown>;

const startFields = new Set([
  'endUserIp',
  'requirement',
  'userVisibleData',
  'userVisibleDataFormat',
  'userNonVisibleData',
  'returnUrl',
  'returnRisk',
  'web',
  'app',
]);
const requirementFields = new Set([
  'pinCode',
  'mrtd',
  'cardReader',
  'certificatePolicies',
  'personalNumber',
  'risk',
]);
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const policyOid = /^\d+(?:\.\d+){3}(?:\.(?:\d+|\*))*$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates an /auth or /sign body; throws invalidParameters naming the first bad field. */
export function validateStart(body: unknown, kind: 'auth' | 'sign'): StartRequest {
  const request = asObject(body, 'body');
  for (const key of Object.keys(request)) {
    if (!startFields.has(key)) throw invalidParameters(`Invalid parameter: ${key}`);
  }
  const endUserIp = request.endUserIp;
  if (typeof endUserIp !== 'string' || isIP(endUserIp) === 0) {
    throw invalidParameters('Invalid endUserIp');
  }
  const requirement = validateRequirement(request.requirement);
  checkBase64(request, 'userVisibleData', kind === 'auth' ? 1_500 : 40_000, kind === 'sign');
  checkBase64(request, 'userNonVisibleData', 200_000, false);
  if (request.userVisibleDataFormat !== undefined) {
    if (request.userVisibleDataFormat !== 'simpleMarkdownV1') {
      throw invalidParameters('Invalid userVisibleDataFormat');
    }
  }
  if (request.returnUrl !== undefined) checkLength(request.returnUrl, 'returnUrl', 1, 512);
  if (request.returnRisk !== undefined && typeof request.returnRisk !== 'boolean') {
    throw invalidParameters('Invalid returnRisk');
  }
  if (request.web !== undefined && request.app !== undefined) {
    throw invalidParameters('Only one of web and app may be given');
  }
  if (request.web !== undefined) validateWeb(request.web);
  if (request.app !== undefined) validateApp(request.app);

  return {
    endUserIp,
    ...requirement,
    returnRisk: request.returnRisk === true,
    ...(typeof request.returnUrl === 'string' && { returnUrl: request.returnUrl }),
    ...(typeof request.userVisibleData === 'string' && {
      userVisibleData: request.userVisibleData,
    }),
  };
}

/** /collect and /cancel take exactly `{orderRef}`. */
export function validateOrderRef(body: unknown): string {
  const request = asObject(body, 'body');
  for (const key of Object.keys(request)) {
    if (key !== 'orderRef') throw invalidParameters(`Invalid parameter: ${key}`);
  }
  if (typeof request.orderRef !== 'string' || !uuid.test(request.orderRef)) {
    throw invalidParameters('Invalid orderRef');
  }
  return request.orderRef;
}

function validateRequirement(
  value: unknown,
): Pick<StartRequest, 'personalNumber' | 'mrtd' | 'risk'> {
  if (value === undefined) return { mrtd: false };
  const requirement = asObject(value, 'requirement');
  for (const key of Object.keys(requirement)) {
    if (!requirementFields.has(key)) throw invalidParameters(`Invalid requirement: ${key}`);
  }
  for (const flag of ['pinCode', 'mrtd'] as const) {
    if (requirement[flag] !== undefined && typeof requirement[flag] !== 'boolean') {
      throw invalidParameters(`Invalid requirement.${flag}`);
    }
  }
  const { cardReader, certificatePolicies, personalNumber, risk } = requirement;
  if (cardReader !== undefined && cardReader !== 'class1' && cardReader !== 'class2') {
    throw invalidParameters('Invalid requirement.cardReader');
  }
  if (certificatePolicies !== undefined) {
    const valid =
      Array.isArray(certificatePolicies) &&
      certificatePolicies.every((oid) => typeof oid === 'string' && policyOid.test(oid));
    if (!valid) throw invalidParameters('Invalid requirement.certificatePolicies');
  }
  if (personalNumber !== undefined) {
    if (typeof personalNumber !== 'string' || !hasValidCheckDigit(personalNumber)) {
      throw invalidParameters('Invalid requirement.personalNumber');
    }
  }
  if (risk !== undefined && risk !== 'low' && risk !== 'moderate') {
    throw invalidParameters('Invalid requirement.risk');
  }
  return {
    mrtd: requirement.mrtd === true,
    ...(typeof personalNumber === 'string' && { personalNumber }),
    ...((risk === 'low' || risk === 'moderate') && { risk }),
  };
}

function validateWeb(value: unknown): void {
  const web = asObject(value, 'web');
  checkLength(web.referringDomain, 'web.referringDomain', 3, 253);
  checkLength(web.userAgent, 'web.userAgent', 1, 256);
  checkLength(web.deviceIdentifier, 'web.deviceIdentifier', 1, 64);
}

function validateApp(value: unknown): void {
  const app = asObject(value, 'app');
  for (const field of ['appIdentifier', 'deviceOS', 'deviceModelName', 'deviceIdentifier']) {
    checkLength(app[field], `app.${field}`, 1, 256);
  }
}

function checkBase64(request: Body, field: string, maxLength: number, required: boolean): void {
  const value = request[field];
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalidParameters(`Invalid ${field}`);
  }
  if (!base64.test(value)) throw invalidParameters(`Invalid ${field}: not base64`);
}

function checkLength(value: unknown, field: string, min: number, max: number): void {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw invalidParameters(`Invalid ${field}`);
  }
}

function asObject(value: unknown, field: string): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameters(`Invalid ${field}`);
  }
  return value as Body;
}
