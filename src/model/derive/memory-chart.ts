/**
 * Memory curves on the timeline's axis: samples converted to ns since the trace start (sorted),
 * the part of a curve inside the visible window decimated to a few points per pixel, and the
 * value at a hovered time.
 *
 * Memory is a step function: a sample's value holds until the next sample. Decimation keeps,
 * per pixel column, the first, smallest, largest and last sample, so peaks survive and the
 * stairs keep their shape; one sample on each side of the window keeps the line running to
 * the edges.
 */
import type { MemorySeries } from '../ascend-data';
import { memoryTimesNs } from '../ascend/memory-series';
import type { TimeSpan } from '../units';
import { lowerBound, upperBound } from '../../lib/bisect';

export type MemoryMetric = 'allocatedMB' | 'reservedMB' | 'activeMB';

export interface TimelineSeries {
  component: string;
  device: string;
  /** ns since the trace start, ascending. */
  t: Float64Array;
  allocatedMB: Float64Array;
  reservedMB: Float64Array;
  activeMB: Float64Array;
}

function permuted(a: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = a[order[i]!]!;
  return out;
}

const cache = new WeakMap<MemorySeries, { baseNs: string; s: TimelineSeries }>();

/** A series on the timeline (sorted by time; samples without a time dropped), cached. */
export function seriesOnTimeline(s: MemorySeries, baseNs: string): TimelineSeries {
  const hit = cache.get(s);
  if (hit && hit.baseNs === baseNs) return hit.s;
  const t = memoryTimesNs(s, baseNs);
  const idx: number[] = [];
  for (let i = 0; i < t.length; i++) if (Number.isFinite(t[i]!)) idx.push(i);
  idx.sort((a, b) => t[a]! - t[b]! || a - b);
  const order = Uint32Array.from(idx);
  const out: TimelineSeries = {
    component: s.component,
    device: s.device,
    t: permuted(t, order),
    allocatedMB: permuted(s.allocatedMB, order),
    reservedMB: permuted(s.reservedMB, order),
    activeMB: permuted(s.activeMB, order),
  };
  cache.set(s, { baseNs, s: out });
  return out;
}

/** Whether a curve has any value (APP rows have no allocated/active, for instance). */
export function hasValues(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i]!)) return true;
  return false;
}

export interface CurvePoints {
  t: number[];
  v: number[];
}

/**
 * Points of (t, v) to draw in `window` at `width` px: the samples inside plus one on each side,
 * at most ~4 per pixel column. Missing values (NaN) are skipped.
 */
export function visiblePoints(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  window: TimeSpan,
  width: number,
): CurvePoints {
  const lo = Math.max(0, upperBound(t, window.start) - 1);
  const hi = Math.min(t.length, lowerBound(t, window.end) + 1);
  const out: CurvePoints = { t: [], v: [] };
  const n = hi - lo;
  const cols = Math.max(1, Math.floor(width));
  if (n <= cols * 4) {
    for (let i = lo; i < hi; i++) {
      if (Number.isNaN(v[i]!)) continue;
      out.t.push(t[i]!);
      out.v.push(v[i]!);
    }
    return out;
  }
  const span = window.end - window.start || 1;
  let bucket = NaN;
  let first = -1;
  let minI = -1;
  let maxI = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    const keep = [...new Set([first, minI, maxI, last])].sort((a, b) => a - b);
    for (const i of keep) {
      out.t.push(t[i]!);
      out.v.push(v[i]!);
    }
  };
  for (let i = lo; i < hi; i++) {
    const y = v[i]!;
    if (Number.isNaN(y)) continue;
    const b = Math.floor(((t[i]! - window.start) / span) * cols);
    if (b !== bucket) {
      flush();
      bucket = b;
      first = minI = maxI = last = i;
      continue;
    }
    if (y < v[minI]!) minI = i;
    if (y > v[maxI]!) maxI = i;
    last = i;
  }
  flush();
  return out;
}

/**
 * The value in effect at time `at` (last sample at or before it); NaN before the first sample
 * and after the last one (nothing is known once the recording stops).
 */
export function valueAt(t: ArrayLike<number>, v: ArrayLike<number>, at: number): number {
  if (t.length === 0 || at > t[t.length - 1]!) return NaN;
  let i = upperBound(t, at) - 1;
  while (i >= 0 && Number.isNaN(v[i]!)) i--;
  return i >= 0 ? v[i]! : NaN;
}

/** Largest value among point lists (NaN when all are empty). */
export function maxOf(curves: readonly { v: readonly number[] }[]): number {
  let m = NaN;
  for (const c of curves) for (const y of c.v) if (!Number.isNaN(y) && !(y <= m)) m = y;
  return m;
}
