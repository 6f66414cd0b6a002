/**
 * Questions about a laid-out row list (row-layout.ts builds it): which rows meet a band, the row
 * and lane under a point, how far the track area scrolls.
 */
import { DEPTH_H, TRACK_PAD, type Row, type RowLayout } from './row-layout';

/** Rows [first, end) of `rows` that meet the band [top, bottom) (rows sorted by y). */
export function visibleRowRange(
  rows: readonly Row[],
  top: number,
  bottom: number,
): [number, number] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = rows[mid]!;
    if (r.y + r.height <= top) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < rows.length && rows[end]!.y < bottom) end++;
  return [lo, end];
}

/**
 * The row under a point of the track area (y in CSS px from the top of the track area, below
 * the ruler), with the row's top on screen.
 */
export function rowAtY(
  layout: RowLayout,
  y: number,
  scrollTop: number,
): { row: Row; top: number } | null {
  if (y < layout.pinnedHeight) {
    const [i] = visibleRowRange(layout.pinned, y, y + 1);
    const r = layout.pinned[i];
    return r && r.y <= y ? { row: r, top: r.y } : null;
  }
  const yy = y - layout.pinnedHeight + scrollTop;
  const [i] = visibleRowRange(layout.rows, yy, yy + 1);
  const r = layout.rows[i];
  return r && r.y <= yy ? { row: r, top: r.y - scrollTop + layout.pinnedHeight } : null;
}

/** Depth lane under a y offset inside a slices row, or -1 (padding / instant lane). */
export function laneAt(row: Row, dy: number): number {
  const d = Math.floor((dy - TRACK_PAD - row.laneTop) / DEPTH_H);
  return d >= 0 && d < row.lanes ? d : -1;
}

/** Largest scrollTop for a viewport of `viewportHeight` px (below the pinned rows). */
export function maxScrollTop(layout: RowLayout, viewportHeight: number): number {
  return Math.max(0, layout.height - Math.max(0, viewportHeight - layout.pinnedHeight));
}
