/**
 * Level-of-detail pyramid of a slice table, one per depth lane: summary cells over power-of-two
 * time buckets, so a zoomed-out timeline frame reads a few thousand cells per lane instead of
 * every slice in view. Pure and worker-safe: the import worker builds it (attachLodPyramids)
 * and its typed arrays travel to the page with the model; the page builds it on first use for
 * a table that arrives without one (lodPyramid).
 *
 *   lane d    [==a==]  |b| |c|        [=========d=========]    |e|
 *   level 0   |  cell  |  cell  |  cell  |  cell  |  cell  |  cell  |   base ns each
 *   level 1   |      cell       |      cell       |      cell       |   2·base
 *   …         up to one cell for the whole lane (two when its times cross ns 0)
 *
 * Cells are aligned to ns 0 (cell j of level L covers [(first + j)·B, (first + j + 1)·B) with
 * B = base·2^L), so panning never changes what a cell holds. Per cell:
 *  - count:    slices STARTING in the cell (the counts of a level sum to the lane's slices);
 *  - busy:     ns of the lane covered by slices inside the cell (clipped to the cell, so a level
 *              sums to the lane's total duration);
 *  - longest:  table index of the longest slice starting in the cell (the first on ties), -1 if
 *              none. Its name is the cell's colour key; a lane's slices never overlap, so it is
 *              the only slice of the cell that can be wider than the cell;
 *  - maxDepth: the deepest row (depth + 1) reached by the stacks of the slices starting in the
 *              cell (the slice's depth plus the height of its subtree of children).
 * Lanes with fewer than `minSlices` slices (cheap to walk) and lanes whose slices overlap get
 * none. Level 0 holds about one cell per SLICES_PER_CELL slices, so the pyramid costs ≲ 9 bytes
 * per slice.
 */
import { attachCounterLods } from './counter-lod';
import { laneIndex } from './lane-index';
import type { SliceTable, TraceModel } from './trace-model';

export interface PyramidLevel {
  /** Bucket number (time / B, B this level's cell size) of cell 0. */
  first: number;
  count: Uint32Array;
  busy: Float64Array;
  longest: Int32Array;
  maxDepth: Uint16Array;
}

export interface LanePyramid {
  /** Level-0 cell size, ns (a power of two, possibly < 1). */
  base: number;
  /** levels[L] has cells of base·2^L ns; the last level has one cell (two if times cross 0). */
  levels: PyramidLevel[];
}

export interface TrackPyramid {
  /** Per depth lane; null when the lane has no pyramid (short, or overlapping slices). */
  lanes: (LanePyramid | null)[];
}

/** Lanes shorter than this get no pyramid. */
export const PYRAMID_MIN_SLICES = 1024;

/**
 * Builds the pyramids of one table. SELF-CONTAINED on purpose (no references outside its body):
 * the timeline benchmark serialises it to run in the page, as the import worker would.
 */
export function buildTrackPyramid(t: SliceTable, minSlices = 1024): TrackPyramid {
  /** Average slices per level-0 cell. */
  const SLICES_PER_CELL = 4;
  const n = t.length;
  const rows = Math.max(t.rows, 0);
  const { start, dur, depth, parent } = t;
  // Pass 1 per depth: count, first start, last end, overlap.
  const counts = new Uint32Array(rows);
  const minStart = new Float64Array(rows).fill(Infinity);
  const maxEnd = new Float64Array(rows).fill(-Infinity);
  const overlaps = new Uint8Array(rows);
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    if (d >= rows) continue;
    counts[d]!++;
    const s = start[i]!;
    const e = s + dur[i]!;
    if (s < maxEnd[d]!) overlaps[d] = 1;
    if (s < minStart[d]!) minStart[d] = s;
    if (e > maxEnd[d]!) maxEnd[d] = e;
  }
  const lanes: (LanePyramid | null)[] = [];
  const level0: (PyramidLevel | null)[] = [];
  const inv = new Float64Array(rows);
  let any = false;
  for (let d = 0; d < rows; d++) {
    const c = counts[d]!;
    if (c < minSlices || overlaps[d] || !Number.isFinite(minStart[d]!)) {
      lanes.push(null);
      level0.push(null);
      continue;
    }
    const span = Math.max(maxEnd[d]! - minStart[d]!, 1e-9);
    const base = Math.pow(2, Math.ceil(Math.log2((span * SLICES_PER_CELL) / c)));
    const first = Math.floor(minStart[d]! / base);
    const last = Math.max(first, Math.floor(maxEnd[d]! / base));
    const m = last - first + 1;
    const lv: PyramidLevel = {
      first,
      count: new Uint32Array(m),
      busy: new Float64Array(m),
      longest: new Int32Array(m).fill(-1),
      maxDepth: new Uint16Array(m),
    };
    inv[d] = 1 / base;
    lanes.push({ base, levels: [lv] });
    level0.push(lv);
    any = true;
  }
  if (!any) return { lanes };
  // Height of each slice's subtree (1 for a leaf): children follow their parent in start order,
  // so one backward pass sees every child before its parent.
  const height = new Uint16Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (height[i]! === 0) height[i] = 1;
    const p = parent[i]!;
    if (p >= 0 && p < i && height[i]! + 1 > height[p]!) height[p] = height[i]! + 1;
  }
  // Pass 2: level 0 of every lane in one sweep over the table.
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    const lv = d < rows ? level0[d] : null;
    if (!lv) continue;
    const k = inv[d]!;
    const B = 1 / k;
    const s = start[i]!;
    const di = dur[i]!;
    const e = s + di;
    const c = Math.floor(s * k) - lv.first;
    lv.count[c]!++;
    const l = lv.longest[c]!;
    if (l < 0 || di > dur[l]!) lv.longest[c] = i;
    const deep = d + height[i]!;
    if (deep > lv.maxDepth[c]!) lv.maxDepth[c] = deep;
    // Busy time, clipped to each cell the slice covers.
    const ce = Math.min(Math.floor(e * k) - lv.first, lv.busy.length - 1);
    if (ce <= c) lv.busy[c]! += di;
    else {
      lv.busy[c]! += (lv.first + c + 1) * B - s;
      for (let j = c + 1; j < ce; j++) lv.busy[j] = B;
      lv.busy[ce]! += e - (lv.first + ce) * B;
    }
  }
  // Coarser levels by pairs of cells.
  for (const lane of lanes) {
    if (!lane) continue;
    let prev = lane.levels[0]!;
    while (prev.count.length > 1) {
      const first = Math.floor(prev.first / 2);
      const m = Math.floor((prev.first + prev.count.length - 1) / 2) - first + 1;
      // Cells on both sides of ns 0 never share a parent: such a lane stops at two cells.
      if (m >= prev.count.length) break;
      const next: PyramidLevel = {
        first,
        count: new Uint32Array(m),
        busy: new Float64Array(m),
        longest: new Int32Array(m).fill(-1),
        maxDepth: new Uint16Array(m),
      };
      for (let j = 0; j < prev.count.length; j++) {
        const p = Math.floor((prev.first + j) / 2) - first;
        next.count[p]! += prev.count[j]!;
        next.busy[p]! += prev.busy[j]!;
        const a = prev.longest[j]!;
        const b = next.longest[p]!;
        if (a >= 0 && (b < 0 || dur[a]! > dur[b]!)) next.longest[p] = a;
        if (prev.maxDepth[j]! > next.maxDepth[p]!) next.maxDepth[p] = prev.maxDepth[j]!;
      }
      lane.levels.push(next);
      prev = next;
    }
  }
  return { lanes };
}

/** Tables carry their pyramid here once built (the worker's copy travels with the model). */
interface WithPyramid {
  lod?: TrackPyramid;
}

/**
 * Builds and attaches what the timeline reads of every slice track of a trace (in the import
 * worker): the pyramids, the lane index they are read with (lane-index.ts) and the counters'
 * min / max levels (counter-lod.ts), so the page's first frame builds none of them.
 */
export function attachLodPyramids(trace: TraceModel | null | undefined): void {
  if (!trace) return;
  for (const track of trace.sliceTracks) laneIndex(track.slices, lodPyramid(track.slices));
  attachCounterLods(trace);
}

/** The table's pyramid: the one it arrived with, or built now (once per table). */
export function lodPyramid(t: SliceTable): TrackPyramid {
  const w = t as SliceTable & WithPyramid;
  return (w.lod ??= buildTrackPyramid(t, PYRAMID_MIN_SLICES));
}

/** The table's pyramid if it has one already (never builds). */
export function attachedPyramid(t: SliceTable): TrackPyramid | undefined {
  return (t as SliceTable & WithPyramid).lod;
}
