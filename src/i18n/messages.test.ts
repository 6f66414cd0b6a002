import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n, initI18n, NAMESPACES, RESOURCES } from './index';
import { LANGUAGES, matchLanguage, pickLanguage } from './languages';
import { formatCount, formatNsExact } from '../lib/format';

const PLURAL = /_(zero|one|two|few|many|other)$/;
type Dict = Record<string, unknown>;
const keysOf = (lang: string, ns: string) => Object.keys((RESOURCES[lang]?.[ns] ?? {}) as Dict);
/** A key as code names it: plural forms (`_one`, `_other`) fold into their base key. */
const baseKeys = (lang: string, ns: string) =>
  new Set(keysOf(lang, ns).map((k) => k.replace(PLURAL, '')));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e) && !/\.test\.tsx?$/.test(e)) out.push(p);
  }
  return out;
}

describe('messages', () => {
  it('has the same namespaces and keys in every language, and no extra ones', () => {
    expect(NAMESPACES.length).toBeGreaterThan(10);
    for (const lang of LANGUAGES) {
      expect(Object.keys(RESOURCES[lang] ?? {}).sort(), lang).toEqual(NAMESPACES);
      for (const ns of NAMESPACES) {
        const en = [...baseKeys('en', ns)].sort();
        expect([...baseKeys(lang, ns)].sort(), `${lang}/${ns}.json`).toEqual(en);
      }
    }
  });

  it('gives every plural the forms its language needs (en: one + other; zh-CN: other)', () => {
    // warnings.json's keys are warning codes ("metadata_other"), never plurals.
    for (const ns of NAMESPACES.filter((n) => n !== 'warnings'))
      for (const lang of LANGUAGES) {
        const keys = new Set(keysOf(lang, ns));
        for (const k of keys) {
          if (!PLURAL.test(k)) continue;
          const base = k.replace(PLURAL, '');
          expect(keys.has(`${base}_other`), `${lang}/${ns}: ${base}_other`).toBe(true);
          if (lang === 'en')
            expect(keys.has(`${base}_one`), `${lang}/${ns}: ${base}_one`).toBe(true);
        }
      }
  });

  it('keeps {{placeholders}} the same in both languages', () => {
    const holes = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const ns of NAMESPACES) {
      const en = RESOURCES['en']![ns] as Dict;
      const zh = RESOURCES['zh-CN']![ns] as Dict;
      for (const [k, v] of Object.entries(zh)) {
        const enV = en[k] ?? en[`${k.replace(PLURAL, '')}_other`];
        expect(holes(v), `zh-CN/${ns}:${k}`).toEqual(holes(enV));
      }
    }
  });

  it('names only keys that exist, and every key is used', () => {
    const used = new Set<string>();
    const missing: string[] = [];
    for (const f of sourceFiles('src')) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(
        /\b(?:t|tr|msg|messageNodes)\(\s*'([a-z]+):([a-zA-Z0-9_]+)'/g,
      )) {
        const [, ns, key] = m as unknown as [string, string, string];
        used.add(`${ns}:${key}`);
        if (!baseKeys('en', ns).has(key)) missing.push(`${f}: ${ns}:${key}`);
      }
    }
    expect(missing, 'keys used in code but missing from locales/en').toEqual([]);
    // warnings.json is named by the import's warning codes (model-messages.test.ts checks it).
    const unused = NAMESPACES.filter((ns) => ns !== 'warnings').flatMap((ns) =>
      [...baseKeys('en', ns)].filter((k) => !used.has(`${ns}:${k}`)).map((k) => `${ns}:${k}`),
    );
    expect(unused, 'keys in locales/en that no code uses').toEqual([]);
  });

  it('translates with plurals and interpolation in both languages', () => {
    initI18n({ lang: 'en' });
    expect(i18n.t('cluster:n_ranks', { count: 1 })).toBe('1 rank');
    expect(i18n.t('cluster:n_ranks', { count: 3 })).toBe('3 ranks');
    void i18n.changeLanguage('zh-CN');
    expect(i18n.t('cluster:n_ranks', { count: 3 })).toBe('3 个 rank');
    expect(i18n.t('app:steps')).toBe('迭代');
    void i18n.changeLanguage('en');
  });
});

describe('language choice', () => {
  it('takes the link, then the remembered choice, then the browser, then English', () => {
    expect(pickLanguage({ link: 'zh-CN', stored: 'en', browser: ['en-US'] })).toBe('zh-CN');
    expect(pickLanguage({ link: 'fr', stored: 'zh-CN', browser: ['en-US'] })).toBe('zh-CN');
    expect(pickLanguage({ browser: ['fr-FR', 'zh-Hans-CN'] })).toBe('zh-CN');
    expect(pickLanguage({ browser: ['de-DE'] })).toBe('en');
    expect(matchLanguage('zh_TW')).toBe('zh-CN');
    expect(matchLanguage('en-GB')).toBe('en');
  });

  it('formats in the language’s locale while exact ns stay exact', () => {
    initI18n({ lang: 'zh-CN' });
    expect(formatNsExact(1736412474757059)).toBe('1,736,412,474,757,059 ns');
    expect(formatCount(1234567)).toBe('1,234,567');
    initI18n({ lang: 'en' });
  });
});
