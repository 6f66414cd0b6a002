/**
 * Slice colours: a name hashes to one of a fixed palette, so the same name has the same colour
 * everywhere and on every load. Digits are ignored by the hash ("ProfilerStep#3" and
 * "ProfilerStep#4" match). A few Ascend names with a meaning get a fixed colour (the Overlap
 * Analysis lanes). Each palette entry has a text colour chosen for contrast and a dimmed variant
 * (blended into the background) used for slices that do not match an active search. The
 * `cvd` scheme (a setting) draws the same slots in colours told apart under colour-vision
 * deficiencies (cvd-palette.ts).
 */
import { cvdColorOfSlot } from './cvd-palette';

/** Which colours slices get: the default 24, or the colour-vision-deficiency-safe scheme. */
export type PaletteScheme = 'default' | 'cvd';

export interface ThemeColors {
  dark: boolean;
  bg: string;
  bg2: string;
  bg3: string;
  fg: string;
  fg2: string;
  border: string;
  accent: string;
  select: string;
}

export const LIGHT_COLORS: ThemeColors = {
  dark: false,
  bg: '#ffffff',
  bg2: '#f4f5f7',
  bg3: '#e8eaee',
  fg: '#1d2129',
  fg2: '#5b6270',
  border: '#d5d9e0',
  accent: '#2f6fde',
  select: '#ff9800',
};

const BASE = [
  '#5c6bc0',
  '#42a5f5',
  '#26a69a',
  '#66bb6a',
  '#9ccc65',
  '#ffca28',
  '#ffa726',
  '#ff7043',
  '#ef5350',
  '#ec407a',
  '#ab47bc',
  '#7e57c2',
  '#29b6f6',
  '#26c6da',
  '#8d6e63',
  '#78909c',
  '#3949ab',
  '#1e88e5',
  '#00897b',
  '#43a047',
  '#c0ca33',
  '#fb8c00',
  '#e53935',
  '#8e24aa',
];

/** Fixed colours for names with a meaning (index into the palette). */
const SEMANTIC: Record<string, number> = {
  Computing: 1,
  Communication: 6,
  'Communication(Not Overlapped)': 8,
  Free: 15,
};

export interface Palette {
  /** Number of base colours; entry k + size is the dimmed variant of k. */
  size: number;
  fill: string[];
  text: string[];
}

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  const n = parseInt(full, 16);
  return Number.isFinite(n) ? [(n >> 16) & 255, (n >> 8) & 255, n & 255] : [128, 128, 128];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const paletteCache = new Map<string, Palette>();

/** The base colours of a scheme (one per slot, before the dark theme's shading). */
export function schemeColors(scheme: PaletteScheme): string[] {
  return scheme === 'cvd' ? BASE.map((_, k) => cvdColorOfSlot(k)) : BASE;
}

export function makePalette(theme: ThemeColors, scheme: PaletteScheme = 'default'): Palette {
  const key = `${theme.bg}|${theme.dark}|${scheme}`;
  let p = paletteCache.get(key);
  if (p) return p;
  const colors = schemeColors(scheme);
  const base = theme.dark ? colors.map((c) => mix(c, '#000000', 0.12)) : colors;
  const dim = base.map((c) => mix(c, theme.bg, theme.dark ? 0.78 : 0.8));
  const fill = [...base, ...dim];
  const text = fill.map((c, i) =>
    i >= base.length ? theme.fg2 : luminance(c) > 0.42 ? '#1b1d22' : '#ffffff',
  );
  p = { size: base.length, fill, text };
  paletteCache.set(key, p);
  return p;
}

/** FNV-1a over the name without digits. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function colorIndexForName(name: string, size = BASE.length): number {
  const s = SEMANTIC[name];
  return s !== undefined ? s : nameHash(name) % size;
}

const byStrings = new WeakMap<readonly string[], Uint8Array>();

/** Palette index of interned name `id`, cached per string table. */
export function colorIndexOf(strings: readonly string[], id: number): number {
  let cache = byStrings.get(strings);
  if (!cache || cache.length < strings.length) {
    const next = new Uint8Array(strings.length).fill(255);
    if (cache) next.set(cache);
    cache = next;
    byStrings.set(strings, cache);
  }
  let c = cache[id]!;
  if (c === 255) {
    c = colorIndexForName(strings[id] ?? '');
    cache[id] = c;
  }
  return c;
}
