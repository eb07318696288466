import type { Context, Next } from 'koa';

export type Language = 'sv' | 'en';

const cookieName = 'brygga_lang';

/**
 * The person's own choice (a `lang` query, remembered in a cookie) wins, then the client's
 * `ui_locales` (OIDC Core 3.1.2.1), then Swedish.
 */
export function pickLanguage(ctx: Context, uiLocales?: string): Language {
  const wanted = [
    typeof ctx.query.lang === 'string' ? ctx.query.lang : '',
    ctx.cookies.get(cookieName) ?? '',
    ...(uiLocales?.split(' ') ?? []),
  ];
  for (const tag of wanted) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'sv' || primary === 'en') return primary;
  }
  return 'sv';
}

/** Remembers a `?lang=` choice for the rest of the visit. */
export function rememberLanguage() {
  return async (ctx: Context, next: Next): Promise<void> => {
    // Most requests carry no lang: skip parsing their query string.
    const lang = ctx.querystring.includes('lang=') ? ctx.query.lang : undefined;
    if (lang === 'sv' || lang === 'en') {
      ctx.cookies.set(cookieName, lang, { httpOnly: true, sameSite: 'lax', path: '/' });
    }
    await next();
  };
}

/** A text in both UI languages. */
export type Text = { sv: string; en: string };
