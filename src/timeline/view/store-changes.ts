/**
 * Which layers a store change redraws (apart from the shown traces and their layout, which the
 * view syncs itself): the window, the theme, search results, and everything the overlay and the
 * overview strip show; and whether the row layout's inputs changed.
 */
import type { AppState } from '../../store/app-store';
import { Layer } from './frame-scheduler';

export interface StoreChanges {
  layers: number;
  /** Theme or palette changed: re-read the colours. */
  colors: boolean;
  /** Search matches changed: the strip's match bins are stale. */
  matches: boolean;
}

export function storeChanges(s: AppState, prev: AppState, highlights: boolean): StoreChanges {
  let layers = 0;
  if (s.visibleWindow !== prev.visibleWindow || s.extent !== prev.extent) layers |= Layer.All;
  const colors = s.theme !== prev.theme || s.palette !== prev.palette;
  const matches = s.searchMatches !== prev.searchMatches;
  if (colors || matches) layers |= Layer.All;
  if (
    s.selected !== prev.selected ||
    s.selectedInstant !== prev.selectedInstant ||
    s.hovered !== prev.hovered ||
    s.range !== prev.range ||
    s.rangeTracks !== prev.rangeTracks ||
    s.searchCurrent !== prev.searchCurrent ||
    s.flowMode !== prev.flowMode ||
    s.hiddenFlowCats !== prev.hiddenFlowCats ||
    s.markers !== prev.markers ||
    s.idleOverlay !== prev.idleOverlay ||
    s.advice !== prev.advice ||
    highlights
  )
    layers |= Layer.Overlay | Layer.Overview;
  return { layers, colors, matches };
}

/** Whether what the row layout is computed from (besides the traces) changed. */
export function layoutInputsChanged(s: AppState, prev: AppState): boolean {
  return (
    s.collapseDefault !== prev.collapseDefault ||
    s.expandDeepThreads !== prev.expandDeepThreads ||
    s.collapseOverrides !== prev.collapseOverrides ||
    s.pinnedTracks !== prev.pinnedTracks ||
    s.trackFilter !== prev.trackFilter ||
    s.trackLayout !== prev.trackLayout
  );
}
