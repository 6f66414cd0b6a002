/**
 * Timeline view state: search (query, options, matches, current match), which flow arrows are
 * drawn, collapsed and pinned tracks, and the details panel. Everything here is plain data so
 * e2e tests can read it from `window.__viewer.store.getState()`. Search matches are typed arrays
 * kept by reference (they can hold millions of rows).
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';
import {
  DEFAULT_TRACK_LAYOUT,
  loadTrackLayout,
  saveTrackLayout,
  type TrackLayout,
} from './track-layout';

/** Flow arrows: only those of the selected slice, or every flow touching the visible tracks. */
export type FlowMode = 'selected' | 'visible';
export type SearchStatus = 'idle' | 'running' | 'done' | 'error';
export type DetailsTab = 'slice' | 'range';

/** Search results in time order on the shared axis. */
export interface SearchMatches {
  count: number;
  /** Profile id of each group index used in `group`. */
  profileIds: string[];
  group: Uint16Array;
  track: Int32Array;
  index: Int32Array;
  /** Slice start on the shared timeline axis, ns, ascending. */
  start: Float64Array;
  /** Per `${group}:${track}` membership (1 = match) for highlighting on the canvas. */
  masks: Map<string, Uint8Array>;
}

export interface TimelineSlice {
  searchQuery: string;
  /** Treat the query as a regular expression (case-insensitive). */
  searchRegex: boolean;
  /** Also look inside args (async, reads them on demand). */
  searchArgs: boolean;
  searchStatus: SearchStatus;
  searchError: string | null;
  /** 0..1 while running. */
  searchProgress: number;
  searchMatches: SearchMatches | null;
  searchCount: number;
  /** Index into the matches of the current one, -1 when none. */
  searchCurrent: number;
  setSearchQuery: (q: string) => void;
  setSearchOptions: (o: { regex?: boolean; args?: boolean }) => void;
  setSearchState: (s: {
    status: SearchStatus;
    matches?: SearchMatches | null;
    progress?: number;
    error?: string | null;
  }) => void;
  setSearchCurrent: (i: number) => void;

  flowMode: FlowMode;
  /** Flow categories whose arrows are hidden. */
  hiddenFlowCats: Record<string, true>;
  setFlowMode: (m: FlowMode) => void;
  toggleFlowCat: (cat: string) => void;
  setHiddenFlowCats: (cats: Record<string, true>) => void;

  /** Collapsed state of process groups that have no override. */
  collapseDefault: boolean;
  /**
   * Whether deep threads (DEEP_THREAD_ROWS+ nesting rows, e.g. with_stack Python stacks) start
   * expanded. Off at first so the device lanes are on screen; "Expand all" turns it on.
   */
  expandDeepThreads: boolean;
  /** Row key → collapsed. */
  collapseOverrides: Record<string, boolean>;
  /** Shows only tracks whose rank, process, thread or name contain every word ('' = all). */
  trackFilter: string;
  setTrackFilter: (f: string) => void;
  /** Ranks by rank or by kind, hidden tracks, process kind order (saved per kind of trace). */
  trackLayout: TrackLayout;
  /** Kind of trace the layout was restored for (its localStorage key), null before any. */
  trackLayoutKind: string | null;
  /** Changes the layout and saves it for the current kind of trace. */
  setTrackLayout: (l: TrackLayout) => void;
  /** Restores the layout saved for a kind of trace (no-op when it is the current kind). */
  restoreTrackLayout: (kind: string) => void;
  /**
   * Shows a shared link's layout for a kind of trace without saving it (the user's own saved
   * layout stays until they change this one); the timeline then does not restore over it.
   */
  showLinkTrackLayout: (l: TrackLayout, kind: string | null) => void;
  /** Row keys kept at the top while scrolling, in pin order. */
  pinnedTracks: string[];
  /**
   * A slice the timeline should scroll into view (set by navigation; the timeline consumes it
   * when it is mounted, then clears it). `seq` makes each request new.
   */
  revealRequest: { profileId: string; track: number; index: number; seq: number } | null;
  requestReveal: (target: { profileId: string; track: number; index: number } | null) => void;
  /** Opens rows (collapse overrides set to false) in one change. */
  openRows: (keys: readonly string[]) => void;
  toggleCollapsed: (key: string, currentlyCollapsed: boolean) => void;
  setCollapsed: (key: string, collapsed: boolean) => void;
  collapseAll: () => void;
  expandAll: () => void;
  togglePinned: (key: string) => void;
  /** Pins all of `keys` (e.g. the same track on every rank), or unpins them if all are pinned. */
  togglePinnedMany: (keys: readonly string[]) => void;
  /** Puts back the rows' state of a shared link (folding, pins, hidden flow categories). */
  restoreRows: (
    rows: Pick<
      TimelineSlice,
      | 'collapseDefault'
      | 'expandDeepThreads'
      | 'collapseOverrides'
      | 'pinnedTracks'
      | 'hiddenFlowCats'
    >,
  ) => void;

  /** Details panel height, CSS px (the one dragged to; unused while `panelAuto`). */
  panelHeight: number;
  /** Never dragged: the panel sizes itself to its content, within limits. */
  panelAuto: boolean;
  panelTab: DetailsTab;
  helpOpen: boolean;
  setPanelHeight: (h: number) => void;
  /** Back to sizing by content (double-click on the splitter). */
  resetPanelHeight: () => void;
  setPanelTab: (t: DetailsTab) => void;
  setHelpOpen: (open: boolean) => void;
}

const PANEL_HEIGHT_KEY = 'atv-panel-height';

/** The details panel height the user last dragged to (kept in the browser), else null. */
function savedPanelHeight(): number | null {
  try {
    const raw = globalThis.localStorage?.getItem(PANEL_HEIGHT_KEY);
    const v = Number(raw);
    return raw && Number.isFinite(v) && v >= 80 && v <= 2000 ? v : null;
  } catch {
    return null;
  }
}

export const createTimelineSlice: StateCreator<AppState, [], [], TimelineSlice> = (set) => ({
  searchQuery: '',
  searchRegex: false,
  searchArgs: false,
  searchStatus: 'idle',
  searchError: null,
  searchProgress: 0,
  searchMatches: null,
  searchCount: 0,
  searchCurrent: -1,
  restoreRows: (rows) => set(rows),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  setSearchOptions: (o) =>
    set((s) => ({ searchRegex: o.regex ?? s.searchRegex, searchArgs: o.args ?? s.searchArgs })),
  setSearchState: ({ status, matches, progress, error }) =>
    set((s) => {
      const m = matches === undefined ? s.searchMatches : matches;
      return {
        searchStatus: status,
        searchMatches: m,
        searchCount: m?.count ?? 0,
        searchProgress: progress ?? (status === 'running' ? s.searchProgress : 0),
        searchError: error ?? null,
        searchCurrent: matches === undefined ? s.searchCurrent : -1,
      };
    }),
  setSearchCurrent: (searchCurrent) => set({ searchCurrent }),

  flowMode: 'selected',
  hiddenFlowCats: {},
  setFlowMode: (flowMode) => set({ flowMode }),
  toggleFlowCat: (cat) =>
    set((s) => {
      const next = { ...s.hiddenFlowCats };
      if (next[cat]) delete next[cat];
      else next[cat] = true;
      return { hiddenFlowCats: next };
    }),
  setHiddenFlowCats: (hiddenFlowCats) => set({ hiddenFlowCats }),

  collapseDefault: false,
  expandDeepThreads: false,
  collapseOverrides: {},
  pinnedTracks: [],
  trackFilter: '',
  trackLayout: DEFAULT_TRACK_LAYOUT,
  trackLayoutKind: null,
  setTrackLayout: (trackLayout) =>
    set((s) => {
      if (s.trackLayoutKind) saveTrackLayout(s.trackLayoutKind, trackLayout);
      return { trackLayout };
    }),
  restoreTrackLayout: (kind) =>
    set((s) =>
      s.trackLayoutKind === kind
        ? {}
        : { trackLayoutKind: kind, trackLayout: loadTrackLayout(kind) },
    ),
  showLinkTrackLayout: (trackLayout, kind) =>
    set((s) => ({ trackLayout, trackLayoutKind: kind ?? s.trackLayoutKind })),
  setTrackFilter: (trackFilter) => set({ trackFilter }),
  revealRequest: null,
  requestReveal: (t) =>
    set((s) => ({ revealRequest: t ? { ...t, seq: (s.revealRequest?.seq ?? 0) + 1 } : null })),
  openRows: (keys) =>
    set((s) => {
      if (keys.length === 0) return {};
      const next = { ...s.collapseOverrides };
      for (const k of keys) next[k] = false;
      return { collapseOverrides: next };
    }),
  toggleCollapsed: (key, currentlyCollapsed) =>
    set((s) => ({ collapseOverrides: { ...s.collapseOverrides, [key]: !currentlyCollapsed } })),
  setCollapsed: (key, collapsed) =>
    set((s) => ({ collapseOverrides: { ...s.collapseOverrides, [key]: collapsed } })),
  collapseAll: () =>
    set({ collapseDefault: true, expandDeepThreads: false, collapseOverrides: {} }),
  expandAll: () => set({ collapseDefault: false, expandDeepThreads: true, collapseOverrides: {} }),
  togglePinnedMany: (keys) =>
    set((s) => {
      if (keys.length === 0) return {};
      const all = keys.every((k) => s.pinnedTracks.includes(k));
      return {
        pinnedTracks: all
          ? s.pinnedTracks.filter((k) => !keys.includes(k))
          : [...s.pinnedTracks, ...keys.filter((k) => !s.pinnedTracks.includes(k))],
      };
    }),
  togglePinned: (key) =>
    set((s) => ({
      pinnedTracks: s.pinnedTracks.includes(key)
        ? s.pinnedTracks.filter((k) => k !== key)
        : [...s.pinnedTracks, key],
    })),

  panelHeight: savedPanelHeight() ?? 220,
  panelAuto: savedPanelHeight() === null,
  panelTab: 'slice',
  helpOpen: false,
  setPanelHeight: (panelHeight) => {
    try {
      globalThis.localStorage?.setItem(PANEL_HEIGHT_KEY, String(Math.round(panelHeight)));
    } catch {
      // Storage blocked: the height still applies to this page.
    }
    set({ panelHeight, panelAuto: false });
  },
  resetPanelHeight: () => {
    try {
      globalThis.localStorage?.removeItem(PANEL_HEIGHT_KEY);
    } catch {
      // Storage blocked.
    }
    set({ panelAuto: true });
  },
  setPanelTab: (panelTab) => set({ panelTab }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
});
