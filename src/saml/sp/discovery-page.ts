import type { IdpDescriptor } from '../metadata/idp-descriptor.ts';
import { html, page } from '../../web/html.ts';
import type { Language } from '../../web/language.ts';

const texts = {
  sv: {
    title: 'Välj identitetsutfärdare',
    intro: 'Välj var du vill logga in, till exempel Inera för SITHS-kort.',
    submit: 'Fortsätt',
    none: 'Det finns ingen identitetsutfärdare att välja just nu.',
  },
  en: {
    title: 'Choose your identity provider',
    intro: 'Choose where to log in, for example Inera for SITHS cards.',
    submit: 'Continue',
    none: 'There is no identity provider to choose right now.',
  },
};

export function idpName(idp: IdpDescriptor, language: Language): string {
  return idp.displayName[language] ?? idp.displayName.sv ?? idp.displayName.en ?? idp.entityId;
}

/** The discovery page: one radio button per IdP, the preselected one checked. */
export function discoveryPage(
  uid: string,
  idps: IdpDescriptor[],
  preselected: string | undefined,
  language: Language,
): string {
  const text = texts[language];
  const sorted = [...idps].sort((a, b) => idpName(a, language).localeCompare(idpName(b, language)));
  const checked = preselected ?? sorted[0]?.entityId;
  return page({
    title: text.title,
    language,
    body: html`<h1>${text.title}</h1>
      ${
        sorted.length === 0
          ? html`<p>${text.none}</p>`
          : html`<p>${text.intro}</p>
              <form method="get" action="/login/saml/${uid}" class="saml-discovery">
                ${sorted.map(
                  (idp) =>
                    html`<label class="choice"
                      ><input
                        type="radio"
                        name="idp"
                        value="${idp.entityId}"
                        ${idp.entityId === checked ? html`checked` : ''}
                      />
                      ${idpName(idp, language)}</label
                    >`,
                )}
                <input type="hidden" name="lang" value="${language}" />
                <button class="button">${text.submit}</button>
              </form>`
      }`,
  });
}
