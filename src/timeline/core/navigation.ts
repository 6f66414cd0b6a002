/**
 * The one navigation path to the timeline. Every "show in timeline" (a table row, a step, a
 * collective, a memory allocation, a cluster cell, a search match, a followed flow, ↑ ↓ . ,)
 * calls `navigateToSlice`, which in one go:
 *   1. opens the rows that hide the slice (collapse-rules.ts decides what is folded),
 *   2. selects it and puts the details panel on "Current selection",
 *   3. frames it (around it, or pans keeping the zoom),
 *   4. asks the timeline to scroll its row into view (a `revealRequest` the mounted view consumes,
 *      so it works whether or not the timeline is on screen yet),
 *   5. switches to the timeline tab when asked.
 */
import { windowAround } from '../../model/derive/abs-time';
import type { TimeSpan } from '../../model/units';
import type { AppStore } from '../../store/app-store';
import { keysToOpen, processKey, trackKey } from './collapse-rules';
import { computeRowLayout } from './row-layout';
import type { ProfileSlice, TraceGroup } from './timeline-groups';

export interface NavigateOptions {
  /** Switch to the timeline tab (default true). */
  tab?: boolean;
  /** Select the slice (default true); false only brings it into view. */
  select?: boolean;
  /**
   * How to move the visible window: 'around' frames the slice (3× its duration, ≥ 20 µs),
   * 'pan' keeps the zoom and pans only if the slice is off screen, 'center' keeps the zoom and
   * centres it, 'keep' leaves the window (default 'around').
   */
  frame?: 'around' | 'pan' | 'center' | 'keep';
  /** Also set the timeline range (e.g. a step). */
  range?: TimeSpan | null;
}

/** Where a slice sits on the shared axis, or null when its profile is not shown / bad index. */
export function sliceSpan(
  groups: readonly TraceGroup[],
  target: ProfileSlice,
): { group: number; start: number; end: number } | null {
  const g = groups.findIndex((x) => x.profileId === target.profileId);
  const grp = groups[g];
  const t = grp?.trace.sliceTracks[target.track]?.slices;
  if (!grp || !t || target.index < 0 || target.index >= t.length) return null;
  const start = t.start[target.index]! + grp.offsetNs;
  return { group: g, start, end: start + t.dur[target.index]! };
}

/**
 * Shows a slice on the timeline (see the module comment). `groups` is what the timeline shows
 * (the view's groups, or the store's selectTimelineGroups). False when the slice is not shown.
 */
export function navigateToSlice(
  store: AppStore,
  groups: readonly TraceGroup[],
  target: ProfileSlice,
  opts: NavigateOptions = {},
): boolean {
  const span = sliceSpan(groups, target);
  if (!span) return false;
  const grp = groups[span.group]!;
  let st = store.getState();
  const keys = keysToOpen(
    grp.trace,
    target.profileId,
    target.track,
    target.index,
    groups.length > 1,
    st,
  );
  st.openRows(keys);
  // A track filter that hides the target is cleared (the filter is a view, not a scope).
  if (st.trackFilter && !rowShown(grp, groups.length > 1, target.track, store.getState()))
    st.setTrackFilter('');
  // So are the hidden names that hide it (the process kind, the track).
  const lay = store.getState().trackLayout;
  if (lay.hidden.length > 0 && !rowShown(grp, groups.length > 1, target.track, store.getState()))
    st.setTrackLayout({
      ...lay,
      hidden: lay.hidden.filter((n) => !hidesTrack(grp, target.track, n)),
    });
  st = store.getState();
  if (opts.range !== undefined) st.setRange(opts.range);
  if (opts.select !== false) {
    const cur = st.selected;
    const same =
      cur !== null &&
      cur.profileId === target.profileId &&
      cur.track === target.track &&
      cur.index === target.index;
    if (!same)
      st.selectSlice({ profileId: target.profileId, track: target.track, index: target.index });
    st.setPanelTab('slice');
  }
  const w = st.visibleWindow;
  const width = w.end - w.start;
  const frame = opts.frame ?? 'around';
  const onScreen = span.end >= w.start && span.start <= w.end;
  if (frame === 'around') {
    st.setVisibleWindow(
      opts.range ? framedRange(opts.range) : windowAround(span.start, span.end - span.start),
    );
  } else if (frame === 'center' || (frame === 'pan' && !onScreen)) {
    const c = (span.start + Math.min(span.end, span.start + width * 0.8)) / 2;
    st.setVisibleWindow({ start: c - width / 2, end: c + width / 2 });
  }
  st.requestReveal({ profileId: target.profileId, track: target.track, index: target.index });
  if (opts.tab !== false && st.tab !== 'timeline') st.setTab('timeline');
  return true;
}

/** Whether a slice track has a row of its own (or its folded thread's) under the current state. */
function rowShown(
  grp: TraceGroup,
  multi: boolean,
  track: number,
  st: ReturnType<AppStore['getState']>,
): boolean {
  const layout = computeRowLayout(multi ? [grp, grp] : [grp], st);
  const t = grp.trace.sliceTracks[track]!;
  const main = t.thread >= 0 ? grp.trace.threads[t.thread]!.track : track;
  return (
    layout.byKey.has(trackKey(grp.profileId, track)) ||
    layout.byKey.has(trackKey(grp.profileId, main))
  );
}

/** Whether hidden name `name` hides slice track `track` (its process kind or its own row). */
function hidesTrack(grp: TraceGroup, track: number, name: string): boolean {
  const open = computeRowLayout([grp], {
    collapseDefault: false,
    collapseOverrides: {},
    pinnedTracks: [],
  });
  const t = grp.trace.sliceTracks[track]!;
  const main = t.thread >= 0 ? grp.trace.threads[t.thread]!.track : track;
  const row =
    open.byKey.get(trackKey(grp.profileId, track)) ?? open.byKey.get(trackKey(grp.profileId, main));
  if (!row) return false;
  const proc = open.byKey.get(processKey(grp.profileId, row.process));
  return name === row.hideName || name === proc?.hideName;
}

/** Padding added on each side of a range when framing it (fraction of its length). */
const RANGE_MARGIN = 0.04;

/** A range with a small margin on each side (at least 1 µs). */
export function framedRange(range: TimeSpan): TimeSpan {
  const pad = Math.max((range.end - range.start) * RANGE_MARGIN, 1000);
  return { start: range.start - pad, end: range.end + pad };
}

/**
 * Shows one event on several traces at once (a collective on every open rank): frames the
 * union of their spans, opens what hides each, and selects `focus` (or the first).
 */
export function navigateToSlices(
  store: AppStore,
  groups: readonly TraceGroup[],
  targets: readonly ProfileSlice[],
  focus: string | null,
  opts: { tab?: boolean } = {},
): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of targets) {
    const s = sliceSpan(groups, t);
    if (!s) continue;
    lo = Math.min(lo, s.start);
    hi = Math.max(hi, s.end);
    const g = groups[s.group]!;
    store
      .getState()
      .openRows(
        keysToOpen(g.trace, t.profileId, t.track, t.index, groups.length > 1, store.getState()),
      );
  }
  if (!(hi >= lo)) return false;
  const sel = targets.find((t) => t.profileId === focus) ?? targets[0]!;
  navigateToSlice(store, groups, sel, { tab: opts.tab, frame: 'keep' });
  store.getState().setVisibleWindow(framedRange({ start: lo, end: Math.max(hi, lo + 1000) }));
  return true;
}
