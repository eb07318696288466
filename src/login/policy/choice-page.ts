import { html, page } from '../../web/html.ts';
import type { Language, Text } from '../../web/language.ts';
import type { LoginOption } from './types.ts';

const texts = {
  title: { sv: 'Välj vårdgivare och uppdrag', en: 'Choose care provider and commission' },
  intro: {
    sv: 'Du kan logga in för flera vårdgivare eller uppdrag. Välj vilket du vill använda nu.',
    en: 'You can log in for more than one care provider or commission. Choose one for now.',
  },
  orgNumber: { sv: 'Organisationsnummer', en: 'Organisation number' },
  unit: { sv: 'Vårdenhet', en: 'Care unit' },
  purpose: { sv: 'Syfte', en: 'Purpose' },
  submit: { sv: 'Fortsätt', en: 'Continue' },
} satisfies Record<string, Text>;

export interface ChoicePageInput {
  options: LoginOption[];
  language: Language;
  /** Where the form posts; the field `option` carries the chosen option's key. */
  action: string;
  /** Extra hidden fields the route needs back (e.g. a CSRF token). */
  hidden?: Record<string, string>;
}

/** The commission / care provider choice page; the only field posted is `option`. */
export function renderChoicePage(input: ChoicePageInput): string {
  const t = (text: Text) => text[input.language];
  const choices = input.options.map(
    (option, index) =>
      html`<li>
        <label>
          <input
            type="radio"
            name="option"
            value="${option.key}"
            required${index === 0 ? html` checked` : ''}
          />
          <strong>${option.commission?.name ?? option.careProviderName}</strong>
          <span>${option.careProviderName}, ${t(texts.orgNumber)} ${option.orgNumber}</span>
          ${detail(t(texts.unit), option.commission?.careUnitName)}
          ${detail(t(texts.purpose), option.commission?.purpose)}
        </label>
      </li>`,
  );
  const hidden = Object.entries(input.hidden ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );

  return page({
    title: t(texts.title),
    language: input.language,
    body: html`<h1>${t(texts.title)}</h1>
      <p>${t(texts.intro)}</p>
      <form method="post" action="${input.action}" class="choice">
        ${hidden}
        <ul class="options">
          ${choices}
        </ul>
        <button type="submit" class="button">${t(texts.submit)}</button>
      </form>`,
  });
}

function detail(label: string, value: string | undefined) {
  return value ? html`<span>${label}: ${value}</span>` : '';
}
