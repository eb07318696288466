import type { SamlTestPerson } from '../../config/sections/saml-test-people.ts';
import { html, page } from '../../web/html.ts';

/** The simulated IdP's login page: pick a made-up person, or cancel. */
export function loginPage(ticket: string, people: SamlTestPerson[], requested: string[]): string {
  return page({
    title: 'SAML IdP-simulator',
    language: 'sv',
    languageSwitch: false,
    body: html`<h1>SAML IdP-simulator</h1>
      <p class="warning">Endast för utveckling och test. For development and testing only.</p>
      ${requested.length > 0 ? html`<p>LoA: ${requested.join(', ')}</p>` : ''}
      <form method="post" action="/login">
        <input type="hidden" name="ticket" value="${ticket}" />
        ${people.map(
          (person, index) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="person"
                value="${person.id}"
                ${index === 0 ? html`checked` : ''}
              />
              ${person.givenName} ${person.surname} (${person.style}, ${person.loa})</label
            >`,
        )}
        <button class="button" name="action" value="login">Logga in / Log in</button>
        <button class="button secondary" name="action" value="cancel">Avbryt / Cancel</button>
      </form>`,
  });
}
