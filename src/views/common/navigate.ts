/**
 * Links from the views to the timeline. Every "show in timeline" goes through the timeline's one
 * navigation call (timeline/navigation.ts: open folded rows, select, frame, scroll into view,
 * show in the details panel, switch tab); the helpers here only find which slice a row means
 * (a kernel, an operator call, a step, a collective, the operator that allocated memory).
 */
import { enclosingSlice } from '../../model/slice-queries';
import type { SliceRef, TraceModel } from '../../model/trace-model';
import type { TimeSpan } from '../../model/units';
import type { AppStore } from '../../store/app-store';
import { selectTimelineGroups } from '../../store/cluster-selectors';
import { framedRange, navigateToSlice } from '../../timeline/core/navigation';
import type { TraceGroup } from '../../timeline/core/timeline-groups';

/** What the timeline shows, with `profileId` in it (alone at offset 0 if it is not shown). */
function groupsWith(store: AppStore, profileId: string, trace: TraceModel): readonly TraceGroup[] {
  const groups = selectTimelineGroups(store.getState());
  if (groups.some((g) => g.profileId === profileId)) return groups;
  return [{ profileId, trace, offsetNs: 0, label: '' }];
}

/** Selects a slice and frames it (3× its duration, at least 20 µs); `jump` switches tab. */
export function showSlice(
  store: AppStore,
  profileId: string,
  trace: TraceModel,
  ref: SliceRef,
  jump: boolean,
  range?: TimeSpan | null,
): boolean {
  return navigateToSlice(
    store,
    groupsWith(store, profileId, trace),
    { profileId, track: ref.track, index: ref.index },
    { tab: jump, frame: 'around', range },
  );
}

/** Sets the timeline range and frames it with a small margin (no slice to select). */
export function showRange(store: AppStore, range: TimeSpan, jump: boolean): void {
  const st = store.getState();
  st.setRange({ start: range.start, end: range.end });
  st.setPanelTab('range');
  st.setVisibleWindow(framedRange(range));
  if (jump) st.setTab('timeline');
}

/** Where to look for a named slice. */
export interface NamedSliceQuery {
  name: string;
  /** A time (ns on the trace's own axis) the slice should contain, or be nearest to. */
  at?: number;
  /** Otherwise the n-th slice of that name in time order (0-based). */
  occurrence?: number;
  /** Only tracks whose process name passes (e.g. HCCL, host). */
  process?: (processName: string) => boolean;
}

function tracksOf(trace: TraceModel, q: NamedSliceQuery): number[] {
  const out: number[] = [];
  trace.sliceTracks.forEach((t, i) => {
    if (t.slices.length === 0) return;
    if (q.process && !q.process(trace.processes[t.process]?.name ?? '')) return;
    out.push(i);
  });
  return out;
}

/**
 * A slice named `q.name`: the one containing `q.at` (deepest match on the first track that has
 * one), else the one starting nearest to it; or the `q.occurrence`-th in time order.
 */
export function findNamedSlice(trace: TraceModel, q: NamedSliceQuery): SliceRef | null {
  const id = trace.strings.indexOf(q.name);
  if (id < 0) return null;
  const tracks = tracksOf(trace, q);
  if (q.at !== undefined && Number.isFinite(q.at)) {
    const at = q.at;
    for (const tr of tracks) {
      const t = trace.sliceTracks[tr]!.slices;
      for (let i = enclosingSlice(t, at); i >= 0; i = t.parent[i]!)
        if (t.name[i] === id) return { track: tr, index: i };
    }
  }
  const hits: { track: number; index: number; start: number }[] = [];
  for (const tr of tracks) {
    const t = trace.sliceTracks[tr]!.slices;
    for (let i = 0; i < t.length; i++)
      if (t.name[i] === id) hits.push({ track: tr, index: i, start: t.start[i]! });
  }
  if (hits.length === 0) return null;
  if (q.at !== undefined && Number.isFinite(q.at)) {
    const at = q.at;
    hits.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at));
    return hits[0]!;
  }
  hits.sort((a, b) => a.start - b.start || a.track - b.track);
  const k = Math.max(0, Math.min(hits.length - 1, q.occurrence ?? 0));
  return hits[k]!;
}

/**
 * Shows a named slice (a step, an operator call, a collective, the operator that allocated
 * memory); when none matches, frames `fallback` as the range. False when nothing was shown.
 */
export function showNamedSlice(
  store: AppStore,
  profileId: string,
  trace: TraceModel | null,
  q: NamedSliceQuery,
  opts: { jump: boolean; range?: TimeSpan | null; fallback?: TimeSpan | null },
): boolean {
  const ref = trace ? findNamedSlice(trace, q) : null;
  if (trace && ref) return showSlice(store, profileId, trace, ref, opts.jump, opts.range);
  const r = opts.fallback ?? opts.range;
  if (!r) return false;
  showRange(store, r, opts.jump);
  return true;
}

/** Host processes (where torch operators and steps are): not the device, HCCL or counters. */
export const isHostProcess = (name: string) =>
  !/^(Ascend Hardware|HCCL|Overlap Analysis|AI Core Freq|HBM|LLC|NPU MEM|Stars|Acc PMU|QoS)/i.test(
    name,
  );
