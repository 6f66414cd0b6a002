/**
 * Chooses the trace's time zero and counts timestamps exactly.
 *
 * The base is the smallest timestamp that is not an outlier. An outlier is a ts more than
 * OUTLIER_US away from the median (typically `ts: 0` among epoch timestamps): it would collapse
 * the time axis, and rebased it would not fit a float64 exactly, so such events are isolated
 * (dropped from the timeline with a warning) while still counted in first/last/distinct.
 *
 * Metadata (`M`) timestamps carry no time meaning (analysis-definitions §1.2): they count in
 * first/last/distinct but never choose the base nor stretch the extent, and are never outliers.
 * Kineto and Chrome write `M` events with `ts: 0` beside epoch timestamps.
 */
import { exactToNsString } from '../../lib/exact-time';
import { countUnion, sortedDistinct } from './distinct-ts';

/** 7 days in µs. */
export const OUTLIER_US = 7 * 24 * 3600 * 1e6;
/** Widest span of inlier times (±OUTLIER_US around the median), ns: longer durations are bogus. */
export const MAX_SPAN_NS = 2 * OUTLIER_US * 1000;

export interface TimeBase {
  baseUs: number;
  baseFrac: number;
  /** Median µs (outlier reference). */
  refUs: number;
  /** Largest inlier timestamp, ns since the base (0 when none). */
  maxRelNs: number;
  firstTsNs: string | null;
  lastTsNs: string | null;
  distinctTs: number;
  /** Count and an example of outlier timestamps. */
  outliers: number;
  outlierExample: string;
}

export function computeTimeBase(
  allUs: Float64Array,
  allFrac: Uint16Array,
  metaUs: Float64Array = new Float64Array(0),
  metaFrac: Uint16Array = new Uint16Array(0),
  /** The distinct count when already known (counted by ranges: distinct-ts.ts). */
  knownDistinct?: number,
): TimeBase {
  if (allUs.length === 0 && metaUs.length > 0)
    return computeTimeBase(metaUs, metaFrac, undefined, undefined, knownDistinct);
  const n = allUs.length;
  if (n === 0) {
    return {
      baseUs: 0,
      baseFrac: 0,
      refUs: 0,
      maxRelNs: 0,
      firstTsNs: null,
      lastTsNs: null,
      distinctTs: 0,
      outliers: 0,
      outlierExample: '',
    };
  }
  const refUs = median(allUs);
  // First and last timestamp over every event, metadata included (firstTsNs / lastTsNs).
  let minUs = Infinity;
  let minFrac = 0;
  let maxUs = -Infinity;
  let maxFrac = 0;
  const widen = (us: number, fr: number): void => {
    if (us < minUs || (us === minUs && fr < minFrac)) {
      minUs = us;
      minFrac = fr;
    }
    if (us > maxUs || (us === maxUs && fr > maxFrac)) {
      maxUs = us;
      maxFrac = fr;
    }
  };
  let baseUs = Infinity;
  let baseFrac = 0;
  let outliers = 0;
  let outlierExample = '';
  for (let i = 0; i < n; i++) {
    const us = allUs[i]!;
    const fr = allFrac[i]!;
    widen(us, fr);
    if (Math.abs(us - refUs) > OUTLIER_US) {
      if (outliers++ === 0) outlierExample = exactToNsString({ us, fracNs: fr });
      continue;
    }
    if (us < baseUs || (us === baseUs && fr < baseFrac)) {
      baseUs = us;
      baseFrac = fr;
    }
  }
  const maxRelNs = baseUs === Infinity ? 0 : maxRel(allUs, allFrac, refUs, baseUs, baseFrac);
  for (let i = 0; i < metaUs.length; i++) widen(metaUs[i]!, metaFrac[i]!);
  // Distinct exact (µs, ns) pairs, counted the same way as the ranges' runs (distinct-ts.ts).
  const distinctTs =
    knownDistinct ??
    countUnion([
      sortedDistinct([
        [allUs, allFrac],
        [metaUs, metaFrac],
      ]),
    ]);
  return {
    baseUs,
    baseFrac,
    refUs,
    maxRelNs,
    firstTsNs: exactToNsString({ us: minUs, fracNs: minFrac }),
    lastTsNs: exactToNsString({ us: maxUs, fracNs: maxFrac }),
    distinctTs,
    outliers,
    outlierExample,
  };
}

/** Largest inlier timestamp, ns since the base. */
function maxRel(
  us: Float64Array,
  frac: Uint16Array,
  refUs: number,
  baseUs: number,
  baseFrac: number,
): number {
  let max = 0;
  for (let i = 0; i < us.length; i++) {
    if (Math.abs(us[i]! - refUs) > OUTLIER_US) continue;
    const r = (us[i]! - baseUs) * 1000 + (frac[i]! - baseFrac);
    if (r > max) max = r;
  }
  return max;
}

/** Median of a sample (exact enough: only used as an outlier reference). */
function median(a: Float64Array): number {
  const step = Math.max(1, Math.floor(a.length / 4096));
  const sample: number[] = [];
  for (let i = 0; i < a.length; i += step) sample.push(a[i]!);
  sample.sort((x, y) => x - y);
  return sample[sample.length >> 1]!;
}

/** Rebases absolute (µs, ns remainder) columns to ns since the base; outliers become NaN. */
export function rebase(us: Float64Array, frac: Uint16Array, tb: TimeBase): Float64Array {
  const out = new Float64Array(us.length);
  for (let i = 0; i < us.length; i++) {
    const u = us[i]!;
    out[i] =
      Math.abs(u - tb.refUs) > OUTLIER_US ? NaN : (u - tb.baseUs) * 1000 + (frac[i]! - tb.baseFrac);
  }
  return out;
}
