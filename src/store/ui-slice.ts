/** Which view is shown, theme, and panel layout. */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type Theme = 'light' | 'dark';
export type ViewTab =
  | 'overview'
  | 'advisor'
  | 'timeline'
  | 'kernels'
  | 'operators'
  | 'steps'
  | 'communication'
  | 'memory'
  | 'statistics'
  | 'sql'
  | 'cluster'
  | 'compare'
  | 'report';

export interface UiSlice {
  theme: Theme;
  tab: ViewTab;
  setTheme: (t: Theme) => void;
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

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: initialTheme(),
  tab: 'timeline',
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem('atv-theme', theme);
    } catch {
      /* storage unavailable: the choice lasts for this page only */
    }
    set({ theme });
  },
  setTab: (tab) => set({ tab }),
});
