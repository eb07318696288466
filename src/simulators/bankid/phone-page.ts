import { html } from '../../web/html.ts';
import type { PhoneSessionView } from './phone.ts';
import type { TestPerson } from './people.ts';

/** The simulated phone as a plain HTML page: forms only, no script. */
export function phonePage(
  people: TestPerson[],
  session: PhoneSessionView | undefined,
  notice: string | undefined,
  waiting: { autoStartToken: string; createdAt: number }[] = [],
): string {
  // The person picked when the order was scanned stays selected when approving.
  const options = people.map(
    (person) =>
      html`<option
        value="${person.personalNumber}"
        ${session?.personalNumber === person.personalNumber ? html`selected` : ''}
      >
        ${person.givenName} ${person.surname} (${person.personalNumber})
      </option>`,
  );
  const sessionBlock = session
    ? html`<section>
        <h2>Order</h2>
        <p>
          Kind: ${session.kind} · phase:
          <strong>${session.phase}</strong>
          ${session.hintCode ? html` · hint: ${session.hintCode}` : ''}
        </p>
        ${returnLink(session.returnUrl)}
        <form method="post" action="/phone/form/sessions/${session.session}/approve">
          <label
            >Identify as
            <select name="personalNumber">
              ${options}
            </select></label
          >
          <button>Approve</button>
        </form>
        <form method="post" action="/phone/form/sessions/${session.session}/cancel">
          <button>Cancel in the app</button>
        </form>
        <form method="post" action="/phone/form/sessions/${session.session}/expire">
          <button>Let it expire</button>
        </form>
        <p><a href="/phone?session=${session.session}">Refresh</a></p>
      </section>`
    : '';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Simulated BankID phone</title>
      </head>
      <body>
        <h1>Simulated BankID phone</h1>
        <p>Development simulator: fictitious people only.</p>
        ${notice ? html`<p role="status"><strong>${notice}</strong></p>` : ''}
        <form method="post" action="/phone/form/pickup">
          <p>
            <label
              >QR content (bankid.…) or autostart token<br />
              <input name="code" size="80" required
            /></label>
          </p>
          <p>
            <label
              >Phone belongs to
              <select name="personalNumber">
                ${options}
              </select></label
            >
          </p>
          <button>Scan / open</button>
        </form>
        ${
          waiting.length > 0
            ? html`<section>
                <h2>Orders waiting for a phone</h2>
                ${waiting.map(
                  (order) =>
                    html`<form method="post" action="/phone/form/pickup">
                      <input type="hidden" name="code" value="${order.autoStartToken}" />
                      Started ${new Date(order.createdAt).toISOString().slice(11, 19)} UTC ·
                      <select name="personalNumber">
                        ${options}
                      </select>
                      <button>Open in the app</button>
                    </form>`,
                )}
              </section>`
            : ''
        }
        ${sessionBlock}
      </body>
    </html>`.value;
}

function returnLink(returnUrl: string | undefined) {
  return returnUrl ? html`<p>Return to: <a href="${returnUrl}">${returnUrl}</a></p>` : '';
}
