/**
 * What the timeline does on request (keys, clicks, the details panel, search): select a slice and
 * bring it into view, fit it, follow its flows, step to neighbours and search matches. Each
 * action changes the store; the view redraws from there.
 */
import type { TimeSpan } from '../../model/units';
import { flowsOfSubtree } from '../core/flow-index';
import { rowForTrack } from '../core/placement';
import { navigateToSlice } from '../core/navigation';
import { DEPTH_H, TRACK_PAD } from '../core/row-layout';
import type { SliceAddress } from '../core/timeline-groups';
import type { TimelineView } from './timeline-view';
import { LABEL_W, RULER_H } from '../core/view-geometry';
import { applyNavStep } from '../input/key-nav';
import { Layer } from './frame-scheduler';
import { firstVisibleSlice } from '../core/first-slice';

/** Selects a slice (or clears with null) and, if asked, brings it into view (navigation.ts). */
export function selectSlice(view: TimelineView, a: SliceAddress | null, reveal: boolean): void {
  const st = view.state;
  if (!a) {
    st.selectSlice(null);
    return;
  }
  const g = view.groups[a.group];
  if (!g) return;
  const target = { profileId: g.profileId, track: a.track, index: a.index };
  if (reveal) {
    navigateToSlice(view.store, view.groups, target, { tab: false, frame: 'pan' });
    return;
  }
  st.selectSlice(target);
  st.setPanelTab('slice');
}

/**
 * Expands what hides a slice's track (group, process, a folded thread), scrolls its row into
 * view, and pans (keeping the zoom) when the slice is outside the visible window.
 */
export function revealSlice(view: TimelineView, a: SliceAddress, opts: { center?: boolean }): void {
  const g = view.groups[a.group];
  if (!g) return;
  navigateToSlice(
    view.store,
    view.groups,
    { profileId: g.profileId, track: a.track, index: a.index },
    { tab: false, select: false, frame: opts.center ? 'center' : 'pan' },
  );
}

/** Scrolls the row that shows a slice into view (a third from the top when it moves). */
export function scrollToSlice(view: TimelineView, a: SliceAddress): void {
  const found = rowForTrack(view.layout, view.groups, a.group, a.track);
  if (!found || found.row.pinned) return;
  const viewH = view.height - RULER_H - view.layout.pinnedHeight;
  const row = found.row;
  // The lane of the slice inside its row (a deep row may be taller than the viewport).
  const t = view.groups[a.group]!.trace.sliceTracks[a.track]!.slices;
  const lane =
    row.kind === 'slices' && found.exact
      ? Math.max(0, Math.min(t.depth[a.index]! - row.firstLane, row.lanes - 1))
      : 0;
  const laneTop = row.y + TRACK_PAD + row.laneTop + lane * DEPTH_H;
  const top = Math.min(row.y, laneTop);
  const bottom = Math.max(laneTop + DEPTH_H, Math.min(row.y + row.height, top + viewH));
  if (top < view.scrollTop || bottom > view.scrollTop + viewH) {
    const target = row.height <= viewH ? row.y - (viewH - row.height) / 3 : laneTop - viewH / 3;
    view.setScrollTop(Math.max(0, target));
  }
}

/**
 * F: fit what was picked last, the selected slice or the range (the details panel's tab says
 * which), with 15 % margins (at least 100 ns).
 */
export function fitSelection(view: TimelineView): void {
  const st = view.state;
  const a = st.panelTab === 'range' && st.range ? null : view.addressOf(st.selected);
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
  if (!a) {
    // Nothing selected yet: start at the first slice in view (keyboard users have no click).
    const st = view.state;
    const first = firstVisibleSlice(
      view.layout.rows,
      view.groups,
      st.visibleWindow,
      view.scrollTop,
    );
    if (first) selectSlice(view, first, true);
    return;
  }
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

/**
 * One animation frame of held-key navigation (W/A/S/D): moves the window by the navigator's step
 * around the pointer (or the middle) and keeps animating while keys are held. Returns the layers
 * to draw in this frame (the window change's requests, taken now).
 */
export function navStep(view: TimelineView, now: number): number {
  const step = view.nav.step(now);
  const w = view.state.visibleWindow;
  const p = view.pointer;
  const anchor = p && p.x >= LABEL_W ? view.scale().pxToTime(p.x - LABEL_W) : (w.start + w.end) / 2;
  if (step.panPx !== 0 || step.zoom !== 0)
    view.state.setVisibleWindow(applyNavStep(w, step, anchor, view.contentWidth));
  const layers = view.scheduler.takePending(Layer.All);
  if (view.nav.active) view.scheduler.schedule(Layer.Animation);
  return layers;
}
