import { attribute, childElement, childElements, ns, wholeText } from '../xml/dom.ts';
import type { Element } from '../xml/dom.ts';
import type { Clock } from './clock.ts';
import { assertNotOnOrAfter, parseInstant } from './clock.ts';
import { reject } from './rejection.ts';

export interface CheckedAuthn {
  authnInstant: Date;
  acr: string;
  authenticatingAuthorities: string[];
  sessionIndex?: string;
}

/**
 * SC-DEPLOY: exactly one AuthnStatement whose AuthnContextClassRef is one of the LoA URIs
 * we asked for. AuthenticatingAuthority (proxy IdPs) becomes authnProvider.
 */
export function checkAuthnStatement(
  assertion: Element,
  allowedAcr: string[],
  clock: Clock,
): CheckedAuthn {
  const statements = childElements(assertion, ns.assertion, 'AuthnStatement');
  if (statements.length !== 1) reject('authn_statement_invalid', 'not exactly one AuthnStatement');
  const statement = statements[0] as Element;

  const authnInstant = parseInstant(
    attribute(statement, 'AuthnInstant'),
    'AuthnInstant',
    'authn_statement_invalid',
  );
  const sessionEnd = attribute(statement, 'SessionNotOnOrAfter');
  if (sessionEnd !== undefined) {
    assertNotOnOrAfter(
      clock,
      parseInstant(sessionEnd, 'SessionNotOnOrAfter', 'authn_statement_invalid'),
      'session',
    );
  }

  const context = childElement(statement, ns.assertion, 'AuthnContext');
  const classRef = context
    ? childElement(context, ns.assertion, 'AuthnContextClassRef')
    : undefined;
  const acr = classRef ? wholeText(classRef).trim() : '';
  if (!acr) reject('authn_statement_invalid', 'no AuthnContextClassRef');
  if (!allowedAcr.includes(acr))
    reject('loa_not_allowed', `AuthnContextClassRef ${acr} not allowed`);

  const authenticatingAuthorities = context
    ? childElements(context, ns.assertion, 'AuthenticatingAuthority').map((a) =>
        wholeText(a).trim(),
      )
    : [];
  const sessionIndex = attribute(statement, 'SessionIndex');
  return {
    authnInstant,
    acr,
    authenticatingAuthorities,
    ...(sessionIndex ? { sessionIndex } : {}),
  };
}
