import type { FrejaTestPerson } from '../../config/sections/freja.ts';
import { html } from '../../web/html.ts';
import type { SafeHtml } from '../../web/html.ts';
import type { SimulatedTransaction } from './model.ts';
import { appLinkFor, phoneActions } from './phone-control.ts';

const actionLabels = {
  scan: 'Scan / open',
  approve: 'Approve',
  cancel: 'Decline (CANCELED)',
  reject: 'Reject (REJECTED)',
  expire: 'Let expire (EXPIRED)',
};

/** The simulated phone: pick a test person and answer a pending Freja request. */
export function renderPhonePage(
  people: readonly FrejaTestPerson[],
  active: readonly SimulatedTransaction[],
  now: number,
  result?: string,
): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Freja eID simulator – phone</title>
      </head>
      <body>
        <h1>Freja eID simulator – the user's phone</h1>
        <p>Development only. Fictitious test people; nothing here reaches a real Freja service.</p>
        ${result ? html`<p role="status"><strong>${result}</strong></p>` : ''}
        <h2>Scan a QR code or open an app link</h2>
        ${commandForm(people, '')}
        <h2>Pending requests</h2>
        ${
          active.length === 0
            ? html`<p>None.</p>`
            : html`<table>
                <tr>
                  <th>authRef</th>
                  <th>Status</th>
                  <th>userInfoType</th>
                  <th>Min level</th>
                  <th>Seconds left</th>
                  <th>Answer</th>
                </tr>
                ${active.map(
                  (transaction) =>
                    html`<tr>
                      <td>
                        <code title="${appLinkFor(transaction.authRef)}"
                          >${transaction.authRef.slice(0, 12)}…</code
                        >
                      </td>
                      <td>${transaction.status}</td>
                      <td>${transaction.request.userInfoType}</td>
                      <td>${transaction.request.minRegistrationLevel}</td>
                      <td>${Math.max(0, Math.ceil((transaction.expiresAt - now) / 1000))}</td>
                      <td>${commandForm(people, transaction.authRef)}</td>
                    </tr>`,
                )}
              </table>`
        }
      </body>
    </html>`.value;
}

function commandForm(people: readonly FrejaTestPerson[], reference: string): SafeHtml {
  return html`<form method="post" action="/phone/action">
    ${
      reference
        ? html`<input type="hidden" name="reference" value="${reference}" />`
        : html`<label>QR content or app link <input name="reference" size="60" required /></label>`
    }
    <label
      >Person
      <select name="ssn">
        ${people.map(
          (person) =>
            html`<option value="${person.ssn}">
              ${person.givenName} ${person.surname} (${person.ssn}, ${person.registrationLevel})
            </option>`,
        )}
      </select></label
    >
    ${phoneActions.map(
      (action) => html`<button name="action" value="${action}">${actionLabels[action]}</button>`,
    )}
  </form>`;
}
