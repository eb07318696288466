import { FrejaApiError } from './api-error.ts';
import { identityAttributes, knownAttributes } from './attributes.ts';
import { registrationLevels } from './model.ts';
import type { InitAuthRequest, RegistrationLevel, UserInfoType } from './model.ts';

const userInfoTypes: readonly UserInfoType[] = ['INFERRED', 'EMAIL', 'PHONE', 'SSN', 'UPI'];
const ssnCountries = new Set(['SE', 'NO', 'FI', 'DK']);

/** Validates an initAuthRequest the way upstreams.md §2.3 and §2.7 describe it. */
export function parseInitAuthRequest(json: Record<string, unknown>): InitAuthRequest {
  const userInfoType = json.userInfoType;
  if (typeof userInfoType !== 'string' || !userInfoTypes.includes(userInfoType as UserInfoType)) {
    throw new FrejaApiError(1001);
  }
  const userInfo = json.userInfo;
  if (typeof userInfo !== 'string' || userInfo.length > 256) throw new FrejaApiError(1002);
  checkUserInfo(userInfoType as UserInfoType, userInfo);

  const minRegistrationLevel = json.minRegistrationLevel ?? 'BASIC';
  if (!registrationLevels.includes(minRegistrationLevel as RegistrationLevel)) {
    throw new FrejaApiError(1007);
  }

  const attributesToReturn = parseAttributes(json.attributesToReturn);
  const needsIdentity = attributesToReturn.some((name) => identityAttributes.has(name));
  // [U] upstreams.md §2.3: identity attributes need EXTENDED or PLUS; the code is a guess.
  if (needsIdentity && minRegistrationLevel === 'BASIC') throw new FrejaApiError(2002);

  const useDynamicQrCode = json.useDynamicQrCode ?? false;
  if (typeof useDynamicQrCode !== 'boolean') throw new FrejaApiError(1000);

  return {
    userInfoType: userInfoType as UserInfoType,
    userInfo,
    minRegistrationLevel: minRegistrationLevel as RegistrationLevel,
    attributesToReturn,
    useDynamicQrCode,
  };
}

function checkUserInfo(type: UserInfoType, userInfo: string): void {
  const valid = {
    INFERRED: () => userInfo === 'N/A',
    EMAIL: () => /^[^@\s]+@[^@\s]+$/.test(userInfo),
    PHONE: () => /^\+[1-9]\d{6,14}$/.test(userInfo),
    SSN: () => ssnUserInfo(userInfo) !== undefined,
    UPI: () => userInfo.length > 0,
  }[type]();
  if (!valid) throw new FrejaApiError(1002);
}

/** SSN userInfo is base64 of `{"country":"SE","ssn":"YYYYMMDDNNNN"}` (upstreams.md §2.3). */
export function ssnUserInfo(userInfo: string): { country: string; ssn: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(userInfo, 'base64').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { country, ssn } = parsed as { country?: unknown; ssn?: unknown };
    if (typeof country !== 'string' || typeof ssn !== 'string' || !ssnCountries.has(country)) {
      return undefined;
    }
    if (country === 'SE' && !/^\d{12}$/.test(ssn)) return undefined;
    return { country, ssn };
  } catch {
    return undefined;
  }
}

function parseAttributes(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new FrejaApiError(2002);
  return value.map((item: unknown) => {
    const name = (item as { attribute?: unknown } | null)?.attribute;
    if (typeof name !== 'string' || !knownAttributes.has(name)) throw new FrejaApiError(2002);
    return name;
  });
}
