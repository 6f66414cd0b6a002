/** Which view is shown, theme, and panel layout. */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type Theme = 'light' | 'dark';
/** Slice colours of the timeline: the default palette or the colour-vision-deficiency-safe one. */
export type PaletteScheme = 'default' | 'cvd';
/** Every view tab, in the top bar's order. */
export const VIEW_TABS = [
  'overview',
  'advisor',
  'timeline',
  'kernels',
  'operators',
  'steps',
  'communication',
  'memory',
  'statistics',
  'sql',
  'cluster',
  'compare',
  'report',
] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

export interface UiSlice {
  theme: Theme;
  palette: PaletteScheme;
  tab: ViewTab;
  setTheme: (t: Theme) => void;
  setPalette: (p: PaletteScheme) => void;
  setTab: (t: ViewTab) => void;
}

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem('atv-theme');
    if (saved === 'dark' || saved === 'light') return saved;
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

function initialPalette(): PaletteScheme {
  try {
    return globalThis.localStorage?.getItem('atv-palette') === 'cvd' ? 'cvd' : 'default';
  } catch {
    return 'default';
  }
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: initialTheme(),
  palette: initialPalette(),
  tab: 'timeline',
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem('atv-theme', theme);
    } catch {
      /* storage unavailable: the choice lasts for this page only */
    }
    set({ theme });
  },
  setPalette: (palette) => {
    try {
      globalThis.localStorage?.setItem('atv-palette', palette);
    } catch {
      /* storage unavailable: the choice lasts for this page only */
    }
    set({ palette });
  },
  setTab: (tab) => set({ tab }),
});
