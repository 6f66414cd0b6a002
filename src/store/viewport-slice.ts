/**
 * The visible time window, in exact ns on the timeline's axis (ns since the active profile's
 * trace start). The store owns the domain; d3-zoom and the keyboard only propose changes.
 */
import type { StateCreator } from 'zustand';
import type { TimeSpan } from '../model/units';
import type { AppState } from './app-store';

/** Smallest visible span: 10 ns across the whole canvas. */
export const MIN_SPAN_NS = 10;

export interface ViewportSlice {
  /** Full extent the view may show ([0, trace end] plus a margin). */
  extent: TimeSpan;
  visibleWindow: TimeSpan;
  setExtent: (extent: TimeSpan) => void;
  setVisibleWindow: (w: TimeSpan) => void;
  /** Zooms by `factor` (< 1 zooms in) keeping `center` fixed on screen. */
  zoomAt: (center: number, factor: number) => void;
  /** Pans by dt ns. */
  panBy: (dt: number) => void;
  resetView: () => void;
}

export function clampWindow(w: TimeSpan, extent: TimeSpan): TimeSpan {
  let { start, end } = w;
  const maxSpan = Math.max(MIN_SPAN_NS, (extent.end - extent.start) * 1.1);
  let span = Math.min(Math.max(end - start, MIN_SPAN_NS), maxSpan);
  if (!Number.isFinite(span)) span = maxSpan;
  const margin = (extent.end - extent.start) * 0.05;
  const lo = extent.start - margin;
  const hi = extent.end + margin;
  if (start < lo) start = lo;
  if (start + span > hi) start = Math.max(lo, hi - span);
  end = start + span;
  return { start, end };
}

export const createViewportSlice: StateCreator<AppState, [], [], ViewportSlice> = (set, get) => ({
  extent: { start: 0, end: 1 },
  visibleWindow: { start: 0, end: 1 },
  setExtent: (extent) => set({ extent, visibleWindow: clampWindow(extent, extent) }),
  setVisibleWindow: (w) => set({ visibleWindow: clampWindow(w, get().extent) }),
  zoomAt: (center, factor) => {
    const { visibleWindow: w, extent } = get();
    const start = center - (center - w.start) * factor;
    const end = center + (w.end - center) * factor;
    set({ visibleWindow: clampWindow({ start, end }, extent) });
  },
  panBy: (dt) => {
    const { visibleWindow: w, extent } = get();
    set({ visibleWindow: clampWindow({ start: w.start + dt, end: w.end + dt }, extent) });
  },
  resetView: () => set({ visibleWindow: clampWindow(get().extent, get().extent) }),
});
