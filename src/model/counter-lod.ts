/**
 * Level of detail for counter series: the minimum and maximum value of every block of 16, 256,
 * 4096… consecutive samples (NaN, a sample without this series, is skipped; a block of NaN only
 * holds NaN). A zoomed-out timeline frame then gets a pixel column's min / max with one bisect
 * and ≲ 2·16 reads per level (`seriesMinMax`) instead of reading every sample in view, and the
 * series' whole range from its coarsest level. Pure and worker-safe: the import worker builds it
 * (lod-pyramid.ts: attachLodPyramids) and it travels to the page with the model; a series that
 * arrives without one gets it on first use (`counterLod`).
 *
 *   samples  v0 v1 … v15 | v16 … v31 | …        (positions, not time: exact for any ts)
 *   level 0  min,max      | min,max   | …        one per 16 samples
 *   level 1  min,max of 16 level-0 blocks        one per 256 samples
 */
import type { CounterTrack, TraceModel } from './trace-model';

export const COUNTER_FAN = 16;

export interface CounterLod {
  /** min[L][b], max[L][b]: over samples [b·16^(L+1), (b+1)·16^(L+1)); NaN when all are NaN. */
  min: Float64Array[];
  max: Float64Array[];
}

type Series = CounterTrack['series'][number];

/** Series carry their LOD here once built (the worker's copy travels with the model). */
interface WithLod {
  lod?: CounterLod;
}

/**
 * Builds the min / max levels of one series. SELF-CONTAINED on purpose (FAN is COUNTER_FAN): the
 * timeline benchmark serialises it to run in the page, as the import worker would.
 */
export function buildCounterLod(values: Float64Array): CounterLod {
  const FAN = 16;
  const min: Float64Array[] = [];
  const max: Float64Array[] = [];
  let loSrc = values;
  let hiSrc = values;
  let n = values.length;
  while (n > FAN) {
    const m = Math.ceil(n / FAN);
    const lo = new Float64Array(m);
    const hi = new Float64Array(m);
    for (let b = 0; b < m; b++) {
      let a = NaN;
      let z = NaN;
      const end = Math.min(n, (b + 1) * FAN);
      for (let k = b * FAN; k < end; k++) {
        const x = loSrc[k]!;
        const y = hiSrc[k]!;
        if (x === x && !(x >= a)) a = x;
        if (y === y && !(y <= z)) z = y;
      }
      lo[b] = a;
      hi[b] = z;
    }
    min.push(lo);
    max.push(hi);
    loSrc = lo;
    hiSrc = hi;
    n = m;
  }
  return { min, max };
}

/** The series' LOD: the one it arrived with, or built now (once per series). */
export function counterLod(series: Series): CounterLod {
  const w = series as Series & WithLod;
  return (w.lod ??= buildCounterLod(series.values));
}

/** The series' LOD if it has one already (never builds). */
export function attachedCounterLod(series: Series): CounterLod | undefined {
  return (series as Series & WithLod).lod;
}

/** Builds and attaches the LOD of every counter series of a trace (in the import worker). */
export function attachCounterLods(trace: TraceModel): void {
  for (const c of trace.counters) for (const s of c.series) counterLod(s);
}

/**
 * Min and max of the non-NaN values among samples [lo, hi) into out[0], out[1] (NaN, NaN when
 * there are none), reading whole blocks from `lod` where they fit.
 */
export function seriesMinMax(
  values: Float64Array,
  lod: CounterLod,
  lo: number,
  hi: number,
  out: Float64Array,
): void {
  const FAN = COUNTER_FAN;
  let a = NaN;
  let z = NaN;
  let p = lo;
  while (p < hi) {
    let size = 1;
    let level = -1;
    while (level + 1 < lod.min.length && p % (size * FAN) === 0 && p + size * FAN <= hi) {
      size *= FAN;
      level++;
    }
    let x: number;
    let y: number;
    if (level < 0) x = y = values[p]!;
    else {
      x = lod.min[level]![p / size]!;
      y = lod.max[level]![p / size]!;
    }
    if (x === x && !(x >= a)) a = x;
    if (y === y && !(y <= z)) z = y;
    p += size;
  }
  out[0] = a;
  out[1] = z;
}
