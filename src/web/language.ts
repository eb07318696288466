import type { Context } from 'koa';

export type Language = 'sv' | 'en';

/** `ui_locales` (OIDC Core 3.1.2.1) wins, then a `lang` query or cookie, then Swedish. */
export function pickLanguage(ctx: Context, uiLocales?: string): Language {
  const wanted = [
    ...(uiLocales?.split(' ') ?? []),
    typeof ctx.query.lang === 'string' ? ctx.query.lang : '',
    ctx.cookies.get('brygga_lang') ?? '',
  ];
  for (const tag of wanted) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'sv' || primary === 'en') return primary;
  }
  return 'sv';
}

/** A text in both UI languages. */
export type Text = { sv: string; en: string };
