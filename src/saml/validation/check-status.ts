import { attribute, childElement, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import { SamlRejection } from './rejection.ts';
import type { SamlStatus } from './types.ts';

const success = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * SAML core 3.2.2.2: only a top-level Success carries an assertion to act on. Anything
 * else is refused with the IdP's own codes, so the ACS can tell a cancel
 * (`http://id.elegnamnden.se/status/1.0/cancel`) from a failure.
 */
export function assertStatusSuccess(response: Element): void {
  const status = readStatus(response);
  if (status.code !== success) {
    const detail = [status.code, ...status.subCodes].join(' / ');
    throw new SamlRejection('status_not_success', `IdP status ${detail}`, { status });
  }
}

function readStatus(response: Element): SamlStatus {
  const status = childElement(response, ns.protocol, 'Status');
  let code = status ? childElement(status, ns.protocol, 'StatusCode') : undefined;
  const top = code ? (attribute(code, 'Value') ?? '') : '';
  const subCodes: string[] = [];
  for (code = code && childElement(code, ns.protocol, 'StatusCode'); code;) {
    subCodes.push(attribute(code, 'Value') ?? '');
    code = childElement(code, ns.protocol, 'StatusCode');
  }
  const messageElement = status ? childElement(status, ns.protocol, 'StatusMessage') : undefined;
  const message = messageElement ? wholeText(messageElement).trim().slice(0, 200) : undefined;
  return { code: top, subCodes, ...(message ? { message } : {}) };
}
