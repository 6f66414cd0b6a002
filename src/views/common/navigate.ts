/**
 * Links from the views to the timeline: select a slice, set the range, move the visible window
 * (all in ns on the timeline's axis), and optionally switch to the timeline tab.
 */
import { windowAround } from '../../model/views/abs-time';
import type { SliceRef, TraceModel } from '../../model/trace-model';
import type { TimeSpan } from '../../model/units';
import type { AppStore } from '../../store/app-store';

/** Selects a slice and frames it (3× its duration, at least 20 µs). */
export function showSlice(
  store: AppStore,
  profileId: string,
  trace: TraceModel,
  ref: SliceRef,
  jump: boolean,
): void {
  const s = trace.sliceTracks[ref.track]?.slices;
  if (!s || ref.index < 0 || ref.index >= s.length) return;
  const st = store.getState();
  st.selectSlice({ profileId, track: ref.track, index: ref.index });
  st.setVisibleWindow(windowAround(s.start[ref.index]!, s.dur[ref.index]!));
  if (jump) st.setTab('timeline');
}

/** Padding added on each side of a range when framing it (fraction of its length). */
const RANGE_MARGIN = 0.04;

/** Sets the timeline range and frames it with a small margin. */
export function showRange(store: AppStore, range: TimeSpan, jump: boolean): void {
  const st = store.getState();
  const pad = Math.max((range.end - range.start) * RANGE_MARGIN, 1000);
  st.setRange({ start: range.start, end: range.end });
  st.setVisibleWindow({ start: range.start - pad, end: range.end + pad });
  if (jump) st.setTab('timeline');
}

/** Frames a moment (or an interval starting there) and marks it as the range. */
export function showTime(store: AppStore, t: number, durNs: number, jump: boolean): void {
  if (!Number.isFinite(t)) return;
  const st = store.getState();
  const d = Number.isFinite(durNs) && durNs > 0 ? durNs : 0;
  st.setRange({ start: t, end: t + d });
  st.setVisibleWindow(windowAround(t, d));
  if (jump) st.setTab('timeline');
}
