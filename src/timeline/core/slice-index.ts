/**
 * Per-depth lanes of a SliceTable, built lazily once per table (memoized by reference) and never
 * per frame.
 *
 * A table is sorted by start; within one depth the slices of a properly nested table never
 * overlap, so their ends are sorted too. That lets a lane find the first slice still visible at
 * the window start (one that STARTED before the window but extends into it) with a single bisect
 * on end times. Lanes whose ends are not monotonic (defensive: async packing, odd inputs) keep a
 * running maximum of end instead and bisect on that; no per-track max-duration backtracking.
 *
 * For level of detail a lane also gets, on first use:
 *  - a range-argmax of duration over its positions ("which slice is the longest among positions
 *    [lo, hi)?"): blocks of 16, 256, 4096… each remember their longest slice, so a query reads at
 *    most ~2·16 entries per level;
 *  - for long lanes (built with the lanes), a time mipmap: for power-of-two time buckets (base, 2·base, 4·base…, aligned
 *    to ns 0) the longest slice starting in each bucket. Zoomed out, a frame then reads one entry
 *    per bucket (≤ 2 per pixel) instead of a bisect and an argmax per pixel column.
 * Lanes with a level-of-detail pyramid (model/lod-pyramid.ts, normally built in the import worker)
 * carry it instead of a time mipmap.
 */
import { lodPyramid, type LanePyramid } from '../../model/lod-pyramid';
import type { SliceTable } from '../../model/trace-model';

const FAN = 16;
/** Lanes shorter than this are scanned directly. */
const MIP_MIN = 64;
/** Lanes shorter than this get no time mipmap (walking them is cheap). */
export const TIME_MIP_MIN = 4096;

/** Longest slice per power-of-two time bucket, per level. */
export interface TimeMip {
  /** Level-0 bucket size, ns (a power of two). */
  base: number;
  /** levels[L][b]: lane position of the longest slice starting in bucket b of size base·2^L, -1 if none. */
  levels: Int32Array[];
}

export interface DepthLane {
  /** Slice indices at this depth, in start order. */
  idx: Uint32Array;
  /** Running max of end time when ends are not monotonic; null in the normal case. */
  endMax: Float64Array | null;
  /** Range-argmax levels (positions into `idx`), built on first use. */
  mip: Uint32Array[] | null;
  /** Time mipmap; null when the lane is short, has a pyramid, or the table has negative times. */
  timeMip: TimeMip | null;
  /** Level-of-detail pyramid (model/lod-pyramid.ts, built in the import worker); null if none. */
  pyramid: LanePyramid | null;
}

export interface SliceIndex {
  lanes: DepthLane[];
}

const cache = new WeakMap<SliceTable, SliceIndex>();

const warmed = new WeakSet<SliceTable>();

/** True once the table's lanes and time mipmaps are built (drawing it only reads). */
export function isIndexed(t: SliceTable): boolean {
  return warmed.has(t) || cache.has(t);
}

/**
 * Builds everything the renderer needs for a table up front (lanes and time mipmaps), so later
 * frames only read. Used within a per-frame time budget and by the idle warm-up.
 */
export function warmIndex(t: SliceTable): SliceIndex {
  const ix = sliceIndex(t);
  warmed.add(t);
  return ix;
}

/** The depth lanes of a table (built once per table). */
export function sliceIndex(t: SliceTable): SliceIndex {
  let ix = cache.get(t);
  if (!ix) {
    ix = buildIndex(t);
    cache.set(t, ix);
  }
  return ix;
}

/**
 * Builds the lanes in two sequential passes over the table (the table can hold millions of rows:
 * one pass per lane would stream it once per depth): counts, last start and end-monotonicity per
 * depth; then lane positions together with level 0 of each long lane's time mipmap.
 */
function buildIndex(t: SliceTable): SliceIndex {
  const rows = Math.max(t.rows, 0);
  const n = t.length;
  const { start, dur, depth } = t;
  const counts = new Uint32Array(rows + 1);
  const lastStart = new Float64Array(rows + 1);
  const prevEnd = new Float64Array(rows + 1).fill(-Infinity);
  const nonMonotonic = new Uint8Array(rows + 1);
  let negative = false;
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    counts[d]!++;
    const s = start[i]!;
    const e = s + dur[i]!;
    lastStart[d] = s;
    if (e < prevEnd[d]!) nonMonotonic[d] = 1;
    prevEnd[d] = e;
    if (s < 0) negative = true;
  }
  const lanes: DepthLane[] = [];
  const fill = new Uint32Array(rows + 1);
  // Level 0 of every long lane's time mipmap, flattened into one array (offset per depth, -1 for
  // short lanes): per bucket the longest slice's position and duration. Buckets are powers of
  // two, so start * (1 / base) is exact.
  const offset = new Float64Array(rows + 1).fill(-1);
  const inv = new Float64Array(rows + 1);
  const bases = new Float64Array(rows + 1);
  const sizes = new Uint32Array(rows + 1);
  let total = 0;
  // Lanes with a pyramid need no time mipmap: zoomed out, they are drawn from the pyramid.
  const pyramids = lodPyramid(t).lanes;
  for (let d = 0; d < rows; d++) {
    const c = counts[d]!;
    const pyramid = pyramids[d] ?? null;
    lanes.push({ idx: new Uint32Array(c), endMax: null, mip: null, timeMip: null, pyramid });
    if (c >= TIME_MIP_MIN && !negative && !pyramid) {
      // About one slice per level-0 bucket on average.
      const base = Math.pow(2, Math.max(0, Math.ceil(Math.log2(Math.max(1, lastStart[d]! / c)))));
      bases[d] = base;
      inv[d] = 1 / base;
      sizes[d] = Math.floor(lastStart[d]! / base) + 1;
      offset[d] = total;
      total += sizes[d]!;
    }
  }
  const best = new Int32Array(total).fill(-1);
  const bestDur = new Float64Array(total).fill(-1);
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    const lane = lanes[d];
    if (!lane) continue;
    const p = fill[d]!++;
    lane.idx[p] = i;
    const o = offset[d]!;
    if (o >= 0) {
      const b = o + Math.floor(start[i]! * inv[d]!);
      const di = dur[i]!;
      if (di > bestDur[b]!) {
        bestDur[b] = di;
        best[b] = p;
      }
    }
  }
  for (let d = 0; d < rows; d++) {
    const lane = lanes[d]!;
    const o = offset[d]!;
    if (o >= 0) {
      const e = o + sizes[d]!;
      lane.timeMip = buildLevels(bases[d]!, best.slice(o, e), bestDur.subarray(o, e));
    }
    if (!nonMonotonic[d]) continue;
    const { idx } = lane;
    const endMax = new Float64Array(idx.length);
    let m = -Infinity;
    for (let p = 0; p < idx.length; p++) {
      const i = idx[p]!;
      m = Math.max(m, start[i]! + dur[i]!);
      endMax[p] = m;
    }
    lane.endMax = endMax;
  }
  return { lanes };
}

/** Coarser mipmap levels by pairs (the longer of two buckets; the earlier one on ties). */
function buildLevels(base: number, level0: Int32Array, dur0: Float64Array): TimeMip {
  const levels = [level0];
  let prev = level0;
  let prevDur = dur0;
  let nb = level0.length;
  while (nb > 1) {
    const m = Math.ceil(nb / 2);
    const next = new Int32Array(m);
    const nextDur = new Float64Array(m);
    for (let b = 0; b < m; b++) {
      const a = 2 * b;
      const c = a + 1;
      if (c < nb && prevDur[c]! > prevDur[a]!) {
        next[b] = prev[c]!;
        nextDur[b] = prevDur[c]!;
      } else {
        next[b] = prev[a]!;
        nextDur[b] = prevDur[a]!;
      }
    }
    levels.push(next);
    prev = next;
    prevDur = nextDur;
    nb = m;
  }
  return { base, levels };
}

/** First position in the lane whose slice ends after `t` (is still visible at t). */
export function firstEndingAfter(t: SliceTable, lane: DepthLane, time: number): number {
  const { idx, endMax } = lane;
  let lo = 0;
  let hi = idx.length;
  if (endMax) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (endMax[mid]! <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  const { start, dur } = t;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const i = idx[mid]!;
    if (start[i]! + dur[i]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in [lo, hi) whose slice starts at or after `time` (hi when none). */
export function firstStartingAtOrAfter(
  t: SliceTable,
  lane: DepthLane,
  time: number,
  lo: number,
  hi: number,
): number {
  const { idx } = lane;
  const { start } = t;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[idx[mid]!]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildMip(t: SliceTable, lane: DepthLane): Uint32Array[] {
  const { idx } = lane;
  const { dur } = t;
  const levels: Uint32Array[] = [];
  // Level 0 summarises blocks of FAN positions; level L blocks of FAN^(L+1).
  let prev: Uint32Array | null = null;
  let n = idx.length;
  while (n > FAN) {
    const m = Math.ceil(n / FAN);
    const level = new Uint32Array(m);
    for (let b = 0; b < m; b++) {
      const lo = b * FAN;
      const hi = Math.min(lo + FAN, n);
      let best = prev ? prev[lo]! : lo;
      let bestDur = dur[idx[best]!]!;
      for (let k = lo + 1; k < hi; k++) {
        const cand = prev ? prev[k]! : k;
        const d = dur[idx[cand]!]!;
        if (d > bestDur) {
          best = cand;
          bestDur = d;
        }
      }
      level[b] = best;
    }
    levels.push(level);
    prev = level;
    n = m;
  }
  return levels;
}

/** Position of the longest slice among lane positions [lo, hi) (the first one on ties). */
export function longestIn(t: SliceTable, lane: DepthLane, lo: number, hi: number): number {
  const { idx } = lane;
  const { dur } = t;
  let best = lo;
  let bestDur = dur[idx[lo]!]!;
  if (hi - lo <= FAN * 2 || idx.length < MIP_MIN) {
    for (let p = lo + 1; p < hi; p++) {
      const d = dur[idx[p]!]!;
      if (d > bestDur) {
        best = p;
        bestDur = d;
      }
    }
    return best;
  }
  const mip = (lane.mip ??= buildMip(t, lane));
  let p = lo;
  while (p < hi) {
    let size = 1;
    let level = -1;
    while (level + 1 < mip.length && p % (size * FAN) === 0 && p + size * FAN <= hi) {
      size *= FAN;
      level++;
    }
    const cand = level < 0 ? p : mip[level]![p / size]!;
    const d = dur[idx[cand]!]!;
    if (d > bestDur) {
      best = cand;
      bestDur = d;
    }
    p += size;
  }
  return best;
}

/** The lane's time mipmap (built with the lanes), or null for short lanes. */
export function timeMip(_t: SliceTable, lane: DepthLane): TimeMip | null {
  return lane.timeMip ?? null;
}
