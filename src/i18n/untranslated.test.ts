import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUntranslated } from './untranslated';

/** Component code whose visible text must come from messages (src/i18n/locales). */
const DIRS = ['src/app', 'src/views', 'src/timeline', 'src/tables', 'src/ui'];
const SKIP = /\.test\.tsx?$|\/test-[^/]+\.ts$|\.worker\.ts$/;

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(e) && !SKIP.test(p)) out.push(p);
  }
  return out;
}

describe('untranslated strings', () => {
  it('finds JSX text, read attributes and label/title properties that are not messages', () => {
    const src = [
      "const C = () => <div title='Hover me'>Hello {n} rows<Foo label={ok ? 'Yes' : t('a:b')} /></div>;",
      '// i18n-ignore',
      "const D = () => <span>{'Data-derived'}</span>;",
      'const E = () => <i>{n} µs · ×</i>;',
      "const cols = [{ label: 'Name' }];",
    ].join('\n');
    expect(findUntranslated('x.tsx', src).map((u) => `${u.line}: ${u.text}`)).toEqual([
      '1: Hover me',
      '1: Hello',
      '1: rows',
      '1: Yes',
      '5: Name',
    ]);
  });

  it('leaves no user-visible literal in the components (use t(), or mark data with i18n-ignore)', () => {
    const found = DIRS.flatMap((d) => files(d)).flatMap((f) =>
      findUntranslated(f, readFileSync(f, 'utf8')),
    );
    const list = found.map((u) => `${u.file}:${u.line}: ${JSON.stringify(u.text)}`).join('\n');
    expect(found.length, `Strings to move into src/i18n/locales (en + zh-CN):\n${list}`).toBe(0);
  });
});
