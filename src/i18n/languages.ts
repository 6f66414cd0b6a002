/**
 * The interface languages and how the first one is chosen. Pure (no i18next, no DOM access beyond
 * what is passed in), so it is tested on its own.
 */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language's own name (never translated), and the short one the top-bar switch shows. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
export const LANGUAGE_SHORT: Record<Language, string> = { en: 'EN', 'zh-CN': '中文' };

export const DEFAULT_LANGUAGE: Language = 'en';
/** localStorage key remembering the user's choice. */
export const LANGUAGE_STORAGE_KEY = 'atv.lang';

/** A supported language for a BCP 47 tag ("zh", "zh-Hans-CN", "zh-SG" → zh-CN; "en-GB" → en). */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase().replace(/_/g, '-');
  if (t === '') return null;
  // Every Chinese variant gets Simplified Chinese: closer to a zh-TW reader than English is.
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/**
 * The language to start in: a link's `lang`, else the remembered choice, else the first of the
 * browser's languages that we support, else English.
 */
export function pickLanguage(opts: {
  link?: string | null;
  stored?: string | null;
  browser?: readonly string[];
}): Language {
  return (
    matchLanguage(opts.link) ??
    matchLanguage(opts.stored) ??
    (opts.browser ?? []).map(matchLanguage).find((l): l is Language => l !== null) ??
    DEFAULT_LANGUAGE
  );
}

/** The locale passed to Intl for a language. */
export function intlLocale(lang: Language): string {
  return lang === 'zh-CN' ? 'zh-CN' : 'en-US';
}
