import { html, page } from '../web/html.ts';
import type { Language, Text } from '../web/language.ts';
import type { LoginMethod } from '../login/login-method.ts';

const t = {
  chooseTitle: { sv: 'Logga in', en: 'Log in' },
  chooseLead: { sv: 'Välj hur du vill logga in till', en: 'Choose how to log in to' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  back: { sv: 'Tillbaka till tjänsten', en: 'Back to the service' },
  failedTitle: {
    sv: 'Inloggningen gick inte att slutföra',
    en: 'The login could not be completed',
  },
} satisfies Record<string, Text>;

export function methodChooserPage(input: {
  uid: string;
  language: Language;
  clientName: string;
  methods: LoginMethod[];
}): string {
  const { uid, language } = input;
  return page({
    title: t.chooseTitle[language],
    language,
    body: html`<h1>${t.chooseTitle[language]}</h1>
      <p>${t.chooseLead[language]} <strong>${input.clientName}</strong></p>
      <ul class="methods">
        ${input.methods.map(
          (method) =>
            html`<li>
              <a
                class="button method method-${method.id}"
                href="${method.startPath}/${uid}?lang=${language}"
                >${method.label[language]}</a
              >
            </li>`,
        )}
      </ul>
      <form method="post" action="/interaction/${uid}/cancel">
        <button class="button secondary">${t.cancel[language]}</button>
      </form>`,
  });
}

/** A failure or refusal: the reason, then the way back to the client (access_denied). */
export function endedPage(input: {
  uid: string;
  language: Language;
  message: string;
  code: string;
  errorId: string;
  query: string;
}): string {
  const { uid, language } = input;
  return page({
    title: t.failedTitle[language],
    language,
    query: input.query,
    body: html`<h1>${t.failedTitle[language]}</h1>
      <p class="message">${input.message}</p>
      <form method="post" action="/interaction/${uid}/abort">
        <input type="hidden" name="code" value="${input.code}" />
        <button class="button">${t.back[language]}</button>
      </form>
      <p class="error-id">
        ${language === 'sv' ? 'Referens för support' : 'Error reference for support'}:
        <code>${input.errorId}</code> (${input.code})
      </p>`,
  });
}
