// Text contrast of both themes (issue 19): every text colour of app.css (--fg, --fg-2, --accent
// for links, --danger, --warn, --ok) on every background (--bg, --bg-2, --bg-3), and --accent-fg
// on --accent (primary buttons), is at least 4.5:1 (WCAG 2 AA for normal text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(new URL('./app.css', import.meta.url), 'utf8');

/** The custom properties of the first rule whose selector list contains `selector`. */
function themeVars(selector: string): Record<string, string> {
  const at = CSS.indexOf(selector);
  if (at < 0) throw new Error(`no ${selector} in app.css`);
  const body = CSS.slice(CSS.indexOf('{', at) + 1, CSS.indexOf('}', at));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars[m[1]!] = m[2]!.trim();
  return vars;
}

function luminance(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const x = luminance(a);
  const y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const TEXT = ['--fg', '--fg-2', '--accent', '--danger', '--warn', '--ok'];
const BACKGROUNDS = ['--bg', '--bg-2', '--bg-3'];

describe('theme text contrast ≥ 4.5:1', () => {
  it('the contrast formula matches WCAG (black on white 21:1, #767676 on white 4.54:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const theme of ['light', 'dark']) {
    it(`${theme} theme`, () => {
      const v = themeVars(`[data-theme='${theme}']`);
      const low: string[] = [];
      const check = (fg: string, bg: string) => {
        expect(v[fg], fg).toMatch(/^#[0-9a-f]{6}$/i);
        expect(v[bg], bg).toMatch(/^#[0-9a-f]{6}$/i);
        const c = contrast(v[fg]!, v[bg]!);
        if (c < 4.5) low.push(`${fg} ${v[fg]} on ${bg} ${v[bg]}: ${c.toFixed(2)}`);
      };
      for (const fg of TEXT) for (const bg of BACKGROUNDS) check(fg, bg);
      check('--accent-fg', '--accent');
      expect(low).toEqual([]);
    });
  }
});
