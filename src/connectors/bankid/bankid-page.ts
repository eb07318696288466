import { html, page } from '../../web/html.ts';
import type { Language } from '../../web/language.ts';

const texts = {
  sv: {
    title: 'Logga in med BankID',
    scan: 'Starta BankID-appen på din mobil och skanna QR-koden.',
    qrAlt: 'QR-kod för BankID',
    open: 'Öppna BankID på den här enheten',
    cancel: 'Avbryt',
    noScript: 'Sidan behöver JavaScript för att visa QR-koden och följa inloggningen.',
  },
  en: {
    title: 'Log in with BankID',
    scan: 'Start the BankID app on your phone and scan the QR code.',
    qrAlt: 'QR code for BankID',
    open: 'Open BankID on this device',
    cancel: 'Cancel',
    noScript: 'This page needs JavaScript to show the QR code and follow the login.',
  },
};

/**
 * The BankID login page. The QR image and status come from Brygga's own routes, which
 * static/bankid.js refreshes every second; the browser never talks to BankID.
 */
export function bankIdPage(uid: string, language: Language, status: string): string {
  const text = texts[language];
  const base = `/login/bankid/${uid}`;
  return page({
    title: text.title,
    language,
    scripts: ['/static/bankid.js'],
    body: html`<h1>${text.title}</h1>
      <div id="bankid" data-status-url="${base}/status" data-qr-url="${base}/qr.svg">
        <p>${text.scan}</p>
        <p>
          <img
            class="qr"
            id="bankid-qr"
            src="${base}/qr.svg"
            alt="${text.qrAlt}"
            width="240"
            height="240"
          />
        </p>
        <p id="bankid-status" role="status" aria-live="polite">${status}</p>
        <p><a class="button" id="bankid-open" href="${base}/launch">${text.open}</a></p>
        <form method="post" action="${base}/cancel">
          <button class="button secondary">${text.cancel}</button>
        </form>
        <noscript><p>${text.noScript}</p></noscript>
      </div>`,
  });
}
