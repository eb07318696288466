import { html, page } from '../../web/html.ts';

/**
 * SAML bindings 3.5.4: a form the browser POSTs to the peer. The script submits it; without
 * scripts the person presses the button.
 */
export function postFormPage(
  action: string,
  field: 'SAMLRequest' | 'SAMLResponse',
  message: string,
  relayState: string | undefined,
): string {
  const relayField =
    relayState !== undefined
      ? html`<input type="hidden" name="RelayState" value="${relayState}" />`
      : '';
  return page({
    title: 'SAML',
    language: 'sv',
    scripts: ['/static/saml-post.js'],
    body: html`<form method="post" action="${action}" data-saml-autosubmit>
      <input type="hidden" name="${field}" value="${message}" />
      ${relayField}
      <noscript>
        <p>Tryck på knappen för att fortsätta. Press the button to continue.</p>
      </noscript>
      <button class="button">Fortsätt / Continue</button>
    </form>`,
  });
}
