/**
 * The interface's messages: i18next with react-i18next, every namespace bundled statically
 * (locales/<language>/<namespace>.json — one file per area so parallel edits do not collide; no
 * network fetch). `initI18n` chooses the first language (link, remembered choice, browser);
 * `setLanguage` switches and remembers it. Numbers and dates follow the language through
 * lib/format's Intl locale.
 */
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setFormatLocale } from '../lib/format';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  LANGUAGE_STORAGE_KEY,
  intlLocale,
  matchLanguage,
  pickLanguage,
  type Language,
} from './languages';

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', {
  eager: true,
});

/** Every message, by language and namespace. */
export const RESOURCES: Resource = {};
for (const [path, mod] of Object.entries(files)) {
  const m = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!m) continue;
  (RESOURCES[m[1]!] ??= {})[m[2]!] = mod.default;
}
export const NAMESPACES = Object.keys(RESOURCES[DEFAULT_LANGUAGE] ?? {}).sort();

export const i18n = i18next.createInstance();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Starts i18next (once) in `lang`, or in the language chosen from the link, storage and browser. */
export function initI18n(opts: { lang?: Language; link?: string | null } = {}): typeof i18n {
  const lang =
    opts.lang ??
    pickLanguage({
      link: opts.link,
      stored: storage()?.getItem(LANGUAGE_STORAGE_KEY),
      browser:
        typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
    });
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: RESOURCES,
      lng: lang,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: NAMESPACES,
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    i18n.on('languageChanged', applyLanguage);
  } else if (i18n.language !== lang) void i18n.changeLanguage(lang);
  applyLanguage(lang);
  return i18n;
}

function applyLanguage(lng: string): void {
  const lang = matchLanguage(lng) ?? DEFAULT_LANGUAGE;
  setFormatLocale(intlLocale(lang));
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The current interface language. */
export function currentLanguage(): Language {
  return matchLanguage(i18n.language) ?? DEFAULT_LANGUAGE;
}

/** Switches the interface language; `remember` stores the choice for the next visit. */
export function setLanguage(lang: Language, remember = true): void {
  if (remember) storage()?.setItem(LANGUAGE_STORAGE_KEY, lang);
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}
