import type { Language } from './language.ts';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * Tagged template that escapes every interpolated value unless it is already `SafeHtml`.
 * Pages are built only with this, so no route can forget to escape.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

export interface PageOptions {
  title: string;
  language: Language;
  body: SafeHtml;
  /** Extra script file paths under /static (no inline scripts: CSP forbids them). */
  scripts?: string[];
  /** The page's own query string, kept by the language switch (e.g. a refusal's rule). */
  query?: string;
  /** False for pages already in both languages (no switch link). */
  languageSwitch?: boolean;
}

/** The one page layout: Brygga's header, the body, a language switch. */
export function page(options: PageOptions): string {
  const other = options.language === 'sv' ? 'en' : 'sv';
  const switchQuery = new URLSearchParams(options.query ?? '');
  switchQuery.set('lang', other);
  const switchLabel = options.language === 'sv' ? 'In English' : 'På svenska';
  return html`<!doctype html>
    <html lang="${options.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} – Brygga</title>
        <link rel="stylesheet" href="/static/brygga.css" />
        ${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <header>
          <span class="brand">Brygga</span>
          ${options.languageSwitch === false ? '' : html`<a class="lang" href="?${switchQuery.toString()}" hreflang="${other}">${switchLabel}</a>`}
        </header>
        <main>${options.body}</main>
      </body>
    </html>`.value;
}
