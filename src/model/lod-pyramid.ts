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
 *  - longest:  table index of the longest slice starting in the cell (the first on ties), -1 if
 *              none. Its name is the cell's colour key; a lane's slices never overlap, so it is
 *              the only slice of the cell that can be wider than the cell;
 *  - dur, end, name: that slice's duration, its end (ns after the cell's start; both float32)
 *              and its name, so a zoomed-out frame (timeline/draw/draw-lod.ts) reads the cells
 *              in order and never the slice table's scattered rows (a cache miss each at 10 M
 *              slices); 0 when the cell is empty.
 * Lanes with fewer than `minSlices` slices (cheap to walk) and lanes whose slices overlap get
 * none. Level 0 holds about one cell per SLICES_PER_CELL slices, so the pyramid costs ≲ 9 bytes
 * per slice (16 bytes a cell).
 */
import { attachCounterLods } from './counter-lod';
import { laneIndex } from './lane-index';
import type { SliceTable, TraceModel } from './trace-model';

export interface PyramidLevel {
  /** Bucket number (time / B, B this level's cell size) of cell 0. */
  first: number;
  count: Uint32Array;
  longest: Int32Array;
  /** The longest slice's duration and end (ns after the cell's start), float32; 0 if none. */
  dur: Float32Array;
  end: Float32Array;
  /** The longest slice's name (string id); 0 if none. */
  name: Uint32Array;
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
  const { start, dur, depth, name } = t;
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
      longest: new Int32Array(m).fill(-1),
      dur: new Float32Array(m),
      end: new Float32Array(m),
      name: new Uint32Array(m),
    };
    inv[d] = 1 / base;
    lanes.push({ base, levels: [lv] });
    level0.push(lv);
    any = true;
  }
  if (!any) return { lanes };
  // Pass 2: level 0 of every lane in one sweep over the table.
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    const lv = d < rows ? level0[d] : null;
    if (!lv) continue;
    const c = Math.floor(start[i]! * inv[d]!) - lv.first;
    lv.count[c]!++;
    const l = lv.longest[c]!;
    if (l < 0 || dur[i]! > dur[l]!) lv.longest[c] = i;
  }
  /** The longest slices' duration, end and name, per cell of a level. */
  function describe(lv: PyramidLevel, B: number): void {
    for (let c = 0; c < lv.longest.length; c++) {
      const i = lv.longest[c]!;
      if (i < 0) continue;
      lv.dur[c] = dur[i]!;
      lv.end[c] = start[i]! + dur[i]! - (lv.first + c) * B;
      lv.name[c] = name[i]!;
    }
  }
  // Coarser levels by pairs of cells.
  for (const lane of lanes) {
    if (!lane) continue;
    let prev = lane.levels[0]!;
    let B = lane.base;
    describe(prev, B);
    while (prev.count.length > 1) {
      const first = Math.floor(prev.first / 2);
      const m = Math.floor((prev.first + prev.count.length - 1) / 2) - first + 1;
      // Cells on both sides of ns 0 never share a parent: such a lane stops at two cells.
      if (m >= prev.count.length) break;
      const next: PyramidLevel = {
        first,
        count: new Uint32Array(m),
        longest: new Int32Array(m).fill(-1),
        dur: new Float32Array(m),
        end: new Float32Array(m),
        name: new Uint32Array(m),
      };
      for (let j = 0; j < prev.count.length; j++) {
        const p = Math.floor((prev.first + j) / 2) - first;
        next.count[p]! += prev.count[j]!;
        const a = prev.longest[j]!;
        const b = next.longest[p]!;
        if (a >= 0 && (b < 0 || dur[a]! > dur[b]!)) next.longest[p] = a;
      }
      B *= 2;
      describe(next, B);
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
