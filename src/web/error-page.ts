import { randomUUID } from 'node:crypto';
import { html, page } from './html.ts';
import type { Language } from './language.ts';

export interface ErrorPageInput {
  language: Language;
  /** OAuth error code or Brygga error code, shown small for support. */
  code: string;
  /** A sentence for the person, already in their language. */
  message: string;
  /** Where the person can go next (e.g. back to the service), if anywhere. */
  continueUrl?: string;
  errorId?: string;
}

const headings = {
  sv: 'Inloggningen gick inte att slutföra',
  en: 'The login could not be completed',
};
const idLabels = { sv: 'Referens för support', en: 'Error reference for support' };
const continueLabels = { sv: 'Tillbaka till tjänsten', en: 'Back to the service' };

/** A new error id: printed on the page and in the log line about the same failure. */
export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}

/** The one error page for people: what happened, an error id, and a way on. */
export function renderErrorPage(input: ErrorPageInput): string {
  const { language } = input;
  return page({
    title: headings[language],
    language,
    body: html`<h1>${headings[language]}</h1>
      <p class="message">${input.message}</p>
      ${input.continueUrl ? html`<p><a class="button" href="${input.continueUrl}">${continueLabels[language]}</a></p>` : ''}
      <p class="error-id">
        ${idLabels[language]}: <code>${input.errorId ?? newErrorId()}</code> (${input.code})
      </p>`,
  });
}
