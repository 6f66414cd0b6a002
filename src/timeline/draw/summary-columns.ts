/**
 * A collapsed process's busy histogram (draw-summaries.ts), kept across frames as the lanes'
 * colour rows are (draw-lod.ts): per CSS pixel column, how many of its summarised tracks have a
 * slice there. Columns are ABSOLUTE, X = round(time · k) with k the quantised CSS px per ns, and
 * shown at X − round(start · k), so what a column counts depends only on the scale and the
 * column, never on the window: a pan by n columns shifts the kept counts and walks the tracks
 * only over the n exposed columns (a whole-trace pan used to walk up to 256 tracks' lanes over
 * every column, each frame). A frame drawn from the kept counts equals the frame drawn from
 * scratch (summary-columns.test.ts); a zoom or a new width starts afresh.
 *
 * Per track (its top lane), the columns counted: zoomed out, from its pyramid's cells as the
 * lane is drawn (a cell's longest slice ≥ 1 px: that slice's columns; else the cell's, at least
 * one); finer, each slice's columns [round(s·k), round(e·k)), at least one. A track counts once
 * per column.
 */
import type { SliceTable } from '../../model/trace-model';
import { pyramidLevel } from '../core/pyramid-walk';
import { firstEndingAfter, type DepthLane } from '../core/slice-index';
import type { TimeScale } from '../core/time-scale';
import { quantise } from './draw-lod';

/** One summarised track: its table and its top lane. */
export interface SummaryLane {
  table: SliceTable;
  lane: DepthLane;
}

interface SummaryColumns {
  k: number;
  /** Absolute column of counts[0]; NaN until filled. */
  origin: number;
  counts: Int32Array;
}

let kept = new WeakMap<object, SummaryColumns>();

/** Forgets every kept histogram (the next frame is drawn from scratch; for tests). */
export function resetSummaryColumns(): void {
  kept = new WeakMap();
}

/**
 * The histogram of `lanes` over the W columns of the view (counts[j] at content x = j), kept
 * under `key` (one per summary row source). `complete` false: some track was not ready and the
 * counts are not kept.
 */
export function summaryCounts(
  key: object,
  lanes: readonly SummaryLane[],
  scale: TimeScale,
  W: number,
  complete: boolean,
): Int32Array {
  const k = quantise(scale.pxPerNs);
  let r = kept.get(key);
  if (r && r.counts.length === W && r.k !== k) {
    // A zoom: start afresh in the same buffer.
    r.k = k;
    r.origin = NaN;
  } else if (!r || r.counts.length !== W) {
    r = { k, origin: NaN, counts: new Int32Array(W) };
    kept.set(key, r);
  }
  const O = Math.round(scale.start * k);
  const shift = O - r.origin;
  const c = r.counts;
  if (!(Math.abs(shift) < W)) {
    c.fill(0);
    r.origin = O;
    for (const l of lanes) countLane(r, l, O, O + W);
  } else if (shift > 0) {
    c.copyWithin(0, shift);
    c.fill(0, W - shift);
    r.origin = O;
    for (const l of lanes) countLane(r, l, O + W - shift, O + W);
  } else if (shift < 0) {
    c.copyWithin(-shift, 0, W + shift);
    c.fill(0, 0, -shift);
    r.origin = O;
    for (const l of lanes) countLane(r, l, O, O - shift);
  }
  if (!complete) r.origin = NaN;
  return c;
}

/** Adds one track's columns within [A, A2) to the counts, each column once. */
function countLane(r: SummaryColumns, l: SummaryLane, A: number, A2: number): void {
  const { k, counts, origin } = r;
  const { table: t, lane } = l;
  const { start, dur } = t;
  const from = (A - 2) / k;
  const to = (A2 + 2) / k;
  /** Columns before `mark` are counted already (intervals come in order of their start). */
  let mark = A;
  const at = lane.pyramid ? pyramidLevel(lane.pyramid, 1 / k) : null;
  if (at) {
    const { level, B } = at;
    const { count, longest, first, dur: cellDur, end: cellEnd } = level;
    const pos = firstEndingAfter(t, lane, from);
    if (pos >= lane.idx.length) return;
    const s0 = start[lane.idx[pos]!]!;
    const c0 = Math.max(0, Math.floor((s0 < from ? s0 : from) / B) - first);
    const c1 = Math.min(count.length - 1, Math.floor(to / B) - first);
    let lastEnd = -Infinity;
    for (let c = c0; c <= c1; c++) {
      const i = longest[c]!;
      if (i < 0) continue;
      let a: number;
      let b: number;
      // The cell's float32 copy of its longest slice; the table only for one that may be wide.
      if (cellDur[c]! * k >= 0.99 && dur[i]! * k >= 1) {
        const e = start[i]! + dur[i]!;
        a = Math.round(start[i]! * k);
        b = Math.round(e * k);
        lastEnd = e;
        const ce = Math.floor(e / B) - first;
        if (ce > c) c = ce - 1;
      } else {
        const cs = (first + c) * B;
        const e = cs + cellEnd[c]!;
        a = Math.round((cs > lastEnd ? cs : lastEnd) * k);
        b = Math.round((e > cs + B ? e : cs + B) * k);
      }
      if (b <= a) b = a + 1;
      if (a < mark) a = mark;
      if (b > A2) b = A2;
      for (let x = a; x < b; x++) counts[x - origin]!++;
      if (b > mark) mark = b;
    }
    return;
  }
  const { idx } = lane;
  const n = idx.length;
  for (let p = firstEndingAfter(t, lane, from); p < n; p++) {
    const i = idx[p]!;
    const s = start[i]!;
    if (s > to) break;
    let a = Math.round(s * k);
    let b = Math.round((s + dur[i]!) * k);
    if (b <= a) b = a + 1;
    if (a < mark) a = mark;
    if (b > A2) b = A2;
    for (let x = a; x < b; x++) counts[x - origin]!++;
    if (b > mark) mark = b;
  }
}
