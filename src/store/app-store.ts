/**
 * The one zustand store, built from slices (import, viewport, selection, ui, timeline, views,
 * cluster, compare, notes).
 * `createAppStore()` is a factory so every test gets a fresh store; the app creates one and
 * provides it through React context. Heavy models are kept by reference, never copied into
 * React state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAdvisorSlice, type AdvisorSlice } from './advisor-slice';
import { createClusterSlice, type ClusterSlice } from './cluster-slice';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createNotesSlice, type NotesSlice } from './notes-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createTimelineSlice, type TimelineSlice } from './timeline-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createViewportSlice, type ViewportSlice } from './viewport-slice';
import { createViewsSlice, type ViewsSlice } from './views-slice';

export type AppState = ImportSlice &
  ViewportSlice &
  SelectionSlice &
  UiSlice &
  TimelineSlice &
  ViewsSlice &
  ClusterSlice &
  CompareSlice &
  NotesSlice &
  AdvisorSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createImportSlice(...a),
    ...createViewportSlice(...a),
    ...createSelectionSlice(...a),
    ...createUiSlice(...a),
    ...createTimelineSlice(...a),
    ...createViewsSlice(...a),
    ...createClusterSlice(...a),
    ...createCompareSlice(...a),
    ...createNotesSlice(...a),
    ...createAdvisorSlice(...a),
  }));
}
