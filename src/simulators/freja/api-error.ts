/**
 * Freja eID REST error responses: HTTP 400 or 422 with `{"code":<int>,"message":"…"}`
 * (upstreams.md §2.1, codes §2.7). The messages are the simulator's own wording.
 */
export const frejaErrorMessages = {
  0: 'Internal error.',
  1000: 'Invalid parameters.',
  1001: 'userInfoType is missing or not valid.',
  1002: 'userInfo is missing or not valid.',
  1007: 'minRegistrationLevel is not valid.',
  1010: 'The JSON request could not be parsed.',
  1012: 'No Freja eID user has the given userInfo.',
  1100: 'Invalid reference: it does not exist or has expired.',
  1200: 'includePrevious is missing or not valid.',
  2000: 'Authentication refused: the previous request was rejected for security reasons.',
  2002: 'attributesToReturn is not valid.',
} as const;

export type FrejaErrorCode = keyof typeof frejaErrorMessages;

export class FrejaApiError extends Error {
  constructor(
    readonly code: FrejaErrorCode,
    readonly httpStatus: 400 | 422 = 400,
  ) {
    super(frejaErrorMessages[code]);
    this.name = 'FrejaApiError';
  }

  body(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }
}
