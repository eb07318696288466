import { html, page } from '../../web/html.ts';
import type { Language } from '../../web/language.ts';
import type { FrejaRequestRecord } from './freja-requests.ts';
import { frejaTexts as t, statusText } from './freja-texts.ts';

/** The static app link for QR codes and the same-device button (upstreams.md §2.8). */
export function frejaAppLink(authRef: string): string {
  return `frejaeid://bindUserToTransaction?transactionReference=${encodeURIComponent(authRef)}`;
}

/**
 * The Freja eID+ page: QR code, same-device button, a status line static/freja.js keeps
 * current from the status endpoint (the browser never talks to Freja), cancel and continue.
 */
export function renderFrejaPage(record: FrejaRequestRecord, language: Language): string {
  const base = `/login/freja/${encodeURIComponent(record.uid)}`;
  const live = record.state === 'pending' && record.authRef;
  return page({
    title: t.title[language],
    language,
    scripts: ['/static/freja.js'],
    body: html`<h1>${t.title[language]}</h1>
      <section
        id="freja"
        data-status-url="${base}/status?lang=${language}"
        data-qr-url="${base}/qr.svg"
        data-expires-at="${record.frejaExpiresAt?.toISOString() ?? ''}"
      >
        <img
          class="qr"
          id="freja-qr"
          alt="${t.qrAlt[language]}"
          ${live ? html`src="${base}/qr.svg"` : html`hidden`}
        />
        <a
          class="button"
          id="freja-same-device"
          ${live ? html`href="${frejaAppLink(record.authRef ?? '')}"` : html`hidden`}
          >${t.sameDevice[language]}</a
        >
        <p class="status" id="freja-status" role="status" aria-live="polite">
          ${statusText(record, language)}
        </p>
        <p id="freja-time" hidden>${t.timeLeft[language]}: <span id="freja-seconds"></span> s</p>
        <noscript><p>${t.noScript[language]}</p></noscript>
        <form method="post" action="${base}/finish" id="freja-finish">
          <button class="button">${t.continue[language]}</button>
        </form>
        <form method="post" action="${base}/cancel" id="freja-cancel">
          <button class="button secondary">${t.cancel[language]}</button>
        </form>
      </section>`,
  });
}
