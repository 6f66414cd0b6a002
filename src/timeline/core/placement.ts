/**
 * Where things are on screen: the row that shows a track (or the collapsed process / group that
 * hides it), a slice's rect, and flow arrow end points. Geometry in canvas CSS px (x from the
 * canvas left, gutter included; y from the canvas top, ruler included).
 */
import { DEPTH_H, processKey, SLICE_H, TRACK_PAD, trackKey, groupKey } from './row-layout';
import type { Row, RowLayout } from './row-layout';
import type { SliceAddress, TraceGroup } from './timeline-groups';
import type { TimeScale } from './time-scale';
import type { Rect } from '../draw/frame';
import { mergedIndexOf } from '../../model/merge-streams';

export interface ScreenGeometry {
  layout: RowLayout;
  groups: readonly TraceGroup[];
  scale: TimeScale;
  scrollTop: number;
  labelWidth: number;
  rulerHeight: number;
  /** Canvas height, CSS px. */
  height: number;
}

export interface TrackRow {
  row: Row;
  /** False when the track is hidden inside a collapsed process / thread / group. */
  exact: boolean;
}

/** The row showing slice track `track` of group `g`. */
export function rowForTrack(
  layout: RowLayout,
  groups: readonly TraceGroup[],
  g: number,
  track: number,
): TrackRow | null {
  const grp = groups[g];
  if (!grp) return null;
  const id = grp.profileId;
  const direct = layout.byKey.get(trackKey(id, track));
  if (direct) return { row: direct, exact: true };
  const st = grp.trace.sliceTracks[track];
  if (!st) return null;
  if (st.kind === 'overflow' && st.thread >= 0) {
    const main = grp.trace.threads[st.thread]!.track;
    const r = layout.byKey.get(trackKey(id, main));
    if (r) return { row: r, exact: false };
  }
  const p = layout.byKey.get(processKey(id, st.process));
  if (p) return { row: p, exact: false };
  const gr = layout.byKey.get(groupKey(id));
  return gr ? { row: gr, exact: false } : null;
}

/** Top of a row on the canvas. */
export function rowScreenTop(geo: ScreenGeometry, row: Row): number {
  return row.pinned
    ? geo.rulerHeight + row.y
    : geo.rulerHeight + geo.layout.pinnedHeight + row.y - geo.scrollTop;
}

/** A slice's rect on the canvas (may be off-screen), or null if its track is not laid out. */
export function sliceRect(
  geo: ScreenGeometry,
  a: SliceAddress,
): (Rect & { exact: boolean }) | null {
  const g = geo.groups[a.group];
  const found = rowForTrack(geo.layout, geo.groups, a.group, a.track);
  if (!g || !found) return null;
  const t = g.trace.sliceTracks[a.track]!.slices;
  if (a.index < 0 || a.index >= t.length) return null;
  const scale = geo.scale.shifted(g.offsetNs);
  const x0 = geo.labelWidth + scale.timeToPx(t.start[a.index]!);
  const x1 = geo.labelWidth + scale.timeToPx(t.start[a.index]! + t.dur[a.index]!);
  const top = rowScreenTop(geo, found.row);
  const { row } = found;
  if (!found.exact || row.kind !== 'slices') {
    return { x: x0, y: top + 2, w: Math.max(1, x1 - x0), h: row.height - 4, exact: false };
  }
  const depth =
    (row.merged
      ? row.merged.track.slices.depth[mergedIndexOf(row.merged, a.track, a.index)]!
      : t.depth[a.index]!) - row.firstLane;
  const d = Math.max(0, Math.min(depth, row.lanes - 1));
  const y = top + TRACK_PAD + row.laneTop + d * DEPTH_H + (DEPTH_H - SLICE_H) / 2;
  const exact = depth >= 0 && depth < row.lanes;
  return { x: x0, y, w: Math.max(1, x1 - x0), h: SLICE_H, exact };
}

/** Is a rect at least partly inside the track area (below the ruler)? */
export function isOnScreen(geo: ScreenGeometry, r: Rect): boolean {
  return r.y + r.h > geo.rulerHeight && r.y < geo.height;
}

/** A flow end point: x at the flow's time, y at the middle of its slice, clamped to the area. */
export function flowPoint(
  geo: ScreenGeometry,
  g: number,
  track: number,
  slice: number,
  ts: number,
): { x: number; y: number } | null {
  const r = sliceRect(geo, { group: g, track, index: slice });
  const grp = geo.groups[g];
  if (!r || !grp) return null;
  const x = geo.labelWidth + geo.scale.shifted(grp.offsetNs).timeToPx(ts);
  const y = Math.min(Math.max(r.y + r.h / 2, geo.rulerHeight + 2), geo.height - 2);
  return { x, y };
}
