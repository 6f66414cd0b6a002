/**
 * What the timeline does on request (keys, clicks, the details panel, search): select a slice and
 * bring it into view, fit it, follow its flows, step to neighbours and search matches. Each
 * action changes the store; the view redraws from there.
 */
import type { TimeSpan } from '../model/units';
import { flowsOfSubtree } from './flow-index';
import { rowForTrack } from './placement';
import { DEEP_THREAD_ROWS, groupKey, processKey, trackKey } from './row-layout';
import type { SliceAddress } from './timeline-groups';
import type { TimelineView } from './timeline-view';
import { RULER_H } from './view-geometry';

/** Selects a slice (or clears with null) and, if asked, brings it into view. */
export function selectSlice(view: TimelineView, a: SliceAddress | null, reveal: boolean): void {
  const st = view.state;
  if (!a) {
    st.selectSlice(null);
    return;
  }
  const g = view.groups[a.group];
  if (!g) return;
  st.selectSlice({ profileId: g.profileId, track: a.track, index: a.index });
  st.setPanelTab('slice');
  if (reveal) revealSlice(view, a, {});
}

/**
 * Expands what hides a slice's track (group, process, a folded thread), scrolls its row into
 * view, and pans (keeping the zoom) when the slice is outside the visible window.
 */
export function revealSlice(view: TimelineView, a: SliceAddress, opts: { center?: boolean }): void {
  const g = view.groups[a.group];
  if (!g) return;
  const st = view.state;
  const track = g.trace.sliceTracks[a.track];
  if (!track) return;
  const table = track.slices;
  const pKey = processKey(g.profileId, track.process);
  const opens: string[] = [];
  if (view.groups.length > 1) opens.push(groupKey(g.profileId));
  opens.push(pKey);
  const mainTrack = track.thread >= 0 ? g.trace.threads[track.thread]!.track : a.track;
  if (track.kind === 'overflow' || table.depth[a.index]! > 0)
    opens.push(trackKey(g.profileId, mainTrack));
  if (track.kind !== 'overflow' && table.depth[a.index]! > 0)
    opens.push(trackKey(g.profileId, a.track));
  // Folded now, defaults included: processes by collapseDefault, deep threads start folded.
  const deepKey = trackKey(g.profileId, mainTrack);
  const deepRows = g.trace.sliceTracks[mainTrack]?.slices.rows ?? 0;
  const isCollapsed = (k: string) =>
    st.collapseOverrides[k] ??
    ((k === pKey && st.collapseDefault) ||
      (k === deepKey && deepRows >= DEEP_THREAD_ROWS && st.expandDeepThreads === false));
  const needed = opens.filter(isCollapsed);
  if (needed.length > 0) {
    const next = { ...st.collapseOverrides };
    for (const k of needed) next[k] = false;
    // The view recomputes its layout synchronously from this store change.
    view.store.setState({ collapseOverrides: next });
  }
  const found = rowForTrack(view.layout, view.groups, a.group, a.track);
  if (found && !found.row.pinned) {
    const viewH = view.height - RULER_H - view.layout.pinnedHeight;
    const rowTop = found.row.y;
    const rowBottom = rowTop + found.row.height;
    if (rowTop < view.scrollTop || rowBottom > view.scrollTop + viewH)
      view.setScrollTop(rowTop - Math.max(0, (viewH - found.row.height) / 3));
  }
  const w = st.visibleWindow;
  const s = table.start[a.index]! + g.offsetNs;
  const e = s + table.dur[a.index]!;
  const span = w.end - w.start;
  if (opts.center || e < w.start || s > w.end) {
    view.nav.stop();
    const c = (s + Math.min(e, s + span * 0.8)) / 2;
    st.setVisibleWindow({ start: c - span / 2, end: c + span / 2 });
  }
}

/** F: fit the selected slice with 15 % margins (at least 100 ns), else the range. */
export function fitSelection(view: TimelineView): void {
  const st = view.state;
  const a = view.addressOf(st.selected);
  let span: TimeSpan | null = null;
  if (a) {
    const g = view.groups[a.group]!;
    const t = g.trace.sliceTracks[a.track]!.slices;
    const s = t.start[a.index]! + g.offsetNs;
    span = { start: s, end: s + t.dur[a.index]! };
    revealSlice(view, a, {});
  } else if (st.range) span = st.range;
  if (!span) return;
  view.nav.stop();
  const d = Math.max(span.end - span.start, 100);
  const pad = d * 0.15;
  st.setVisibleWindow({ start: span.start - pad, end: span.start + d + pad });
}

/**
 * ] / [: selects the slice at the other end of the selected slice's first shown flow (or of its
 * descendants' flows: a CPU op whose child launched the kernel). False when there is none.
 */
export function followFlow(view: TimelineView, dir: 'out' | 'in'): boolean {
  const a = view.addressOf(view.state.selected);
  if (!a) return false;
  const t = view.groups[a.group]!.trace;
  const { flows } = flowsOfSubtree(t, a.track, a.index, dir);
  const hidden = view.state.hiddenFlowCats;
  const row = flows.find((r) => !hidden[t.strings[t.flows.cat[r]!] ?? '']) ?? flows[0];
  if (row === undefined) return false;
  const f = t.flows;
  const target =
    dir === 'out'
      ? { group: a.group, track: f.toTrack[row]!, index: f.toSlice[row]! }
      : { group: a.group, track: f.fromTrack[row]!, index: f.fromSlice[row]! };
  selectSlice(view, target, true);
  return true;
}

/** . / , : the next / previous slice at the same depth of the same track. */
export function stepSlice(view: TimelineView, dir: 1 | -1): void {
  const a = view.addressOf(view.state.selected);
  if (!a) return;
  const t = view.groups[a.group]!.trace.sliceTracks[a.track]!.slices;
  const depth = t.depth[a.index]!;
  for (let i = a.index + dir; i >= 0 && i < t.length; i += dir) {
    if (t.depth[i] === depth) {
      selectSlice(view, { ...a, index: i }, true);
      return;
    }
  }
}

/** ↑ / ↓: parent / first child. */
export function stepDepth(view: TimelineView, dir: 'parent' | 'child'): void {
  const a = view.addressOf(view.state.selected);
  if (!a) return;
  const t = view.groups[a.group]!.trace.sliceTracks[a.track]!.slices;
  if (dir === 'parent') {
    const p = t.parent[a.index]!;
    if (p >= 0) selectSlice(view, { ...a, index: p }, true);
  } else if (a.index + 1 < t.length && t.parent[a.index + 1] === a.index) {
    selectSlice(view, { ...a, index: a.index + 1 }, true);
  }
}

/** Goes to search match k: selects it and brings it into view. */
export function gotoMatch(view: TimelineView, k: number): void {
  const m = view.state.searchMatches;
  if (!m || k < 0 || k >= m.count) return;
  view.state.setSearchCurrent(k);
  selectSlice(view, { group: m.group[k]!, track: m.track[k]!, index: m.index[k]! }, true);
}
