/**
 * Counter rows: the series as a step chart with an area under it (pixel pass) and its scale
 * labels (canvas pass). Value ranges and colours are cached per series / palette, so a frame
 * only walks the samples in view.
 */
import { upperBound } from '../../lib/bisect';
import {
  attachedCounterLod,
  counterLod,
  seriesMinMax,
  type CounterLod,
} from '../../model/counter-lod';
import type { CounterTrack } from '../../model/trace-model';
import type { Row } from '../core/row-layout';
import type { TimeScale } from '../core/time-scale';
import { colorIndexForName, mix, type Palette } from './colors';
import type { TracksFrame } from './frame';
import { memoized } from './memo';
import { packColor, type PixelLayer } from './pixel-layer';
import { SMALL_FONT } from './text';

/** Per-series value range, cached per values array (`flat`: every sample the same). */
const seriesRange = new WeakMap<Float64Array, { lo: number; hi: number; flat: boolean }>();
function rangeOf(
  values: Float64Array,
  lod: CounterLod | undefined,
): { lo: number; hi: number; flat: boolean } {
  let lo = Infinity;
  let hi = -Infinity;
  // From the LOD's coarsest level (≤ 16 blocks) when the series has one, else every sample.
  const min = lod?.min.at(-1) ?? values;
  const max = lod?.max.at(-1) ?? values;
  for (let i = 0; i < min.length; i++) {
    const a = min[i]!;
    const z = max[i]!;
    if (a === a && a < lo) lo = a;
    if (z === z && z > hi) hi = z;
  }
  if (lo === Infinity) lo = hi = 0;
  const flat = lo === hi;
  const r = { lo: Math.min(0, lo), hi: Math.max(hi, flat ? lo + 1 : hi), flat };
  if (r.hi === r.lo) r.hi = r.lo + 1;
  return r;
}
/**
 * The value range a counter row is drawn with (0 included), cached per series (`lod`: the
 * series' LOD, when it has one, spares reading every sample).
 */
export function counterRange(
  values: Float64Array,
  lod?: CounterLod,
): { lo: number; hi: number; flat: boolean } {
  let r = seriesRange.get(values);
  if (!r) seriesRange.set(values, (r = rangeOf(values, lod)));
  return r;
}

const UNITS: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Compact number for counter scales ("1.25 k", "3.4 M"). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  for (const [u, s] of UNITS) if (a >= u) return `${Number((v / u).toPrecision(3))} ${s}`;
  return `${Number(v.toPrecision(4))}`;
}

/** Packed stroke and area colours per palette entry, for one palette and background. */
interface CounterColors {
  bg: string;
  stroke: Uint32Array;
  area: Uint32Array;
}
const counterColorCache = new WeakMap<Palette, CounterColors>();
function counterColors(palette: Palette, bg: string): CounterColors {
  let c = counterColorCache.get(palette);
  if (!c || c.bg !== bg) {
    const n = palette.fill.length;
    c = { bg, stroke: new Uint32Array(n), area: new Uint32Array(n) };
    for (let i = 0; i < n; i++) {
      c.stroke[i] = packColor(palette.fill[i]!);
      c.area[i] = packColor(mix(palette.fill[i]!, bg, 0.55));
    }
    counterColorCache.set(palette, c);
  }
  return c;
}

/** Palette index of a counter, cached per track. */
const counterColorIndex = new WeakMap<CounterTrack, number>();
const colorIndexOfCounter = (c: CounterTrack) => colorIndexForName(c.name);

let counterCols = new Float64Array(0);

/** Samples in view per pixel column above which columns are read from the series' LOD. */
const LOD_SAMPLES_PER_COLUMN = 4;
const minMax = new Float64Array(2);

/** First position in [lo, hi) whose sample falls at x ≥ `x` (hi when none); x as the walk computes it. */
function firstAtPx(ts: Float64Array, scale: TimeScale, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (scale.timeToPx(ts[mid]!) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Per pixel column [0, contentW): the min, max and last value of the samples in it (NaN where
 * none), the sample at or before the window start counting in column 0. With many samples per
 * column, each column is one bisect and a min / max from the series' LOD (model/counter-lod.ts);
 * otherwise every sample in view is read. Both give the same columns.
 */
export function fillColumns(
  ts: Float64Array,
  series: CounterTrack['series'][number],
  scale: TimeScale,
  k0: number,
  contentW: number,
  cols: Float64Array,
): void {
  const values = series.values;
  const kEnd = firstAtPx(ts, scale, contentW, k0, ts.length);
  if (kEnd - k0 > LOD_SAMPLES_PER_COLUMN * contentW) {
    const lod = counterLod(series);
    let p = k0;
    while (p < kEnd) {
      const x = scale.timeToPx(ts[p]!);
      const col = x < 0 ? 0 : Math.floor(x);
      const q = firstAtPx(ts, scale, col + 1, p + 1, kEnd);
      seriesMinMax(values, lod, p, q, minMax);
      if (minMax[0] === minMax[0]) {
        let last = q - 1;
        while (values[last] !== values[last]) last--;
        const b = col * 3;
        cols[b] = minMax[0]!;
        cols[b + 1] = minMax[1]!;
        cols[b + 2] = values[last]!;
      }
      p = q;
    }
    return;
  }
  for (let k = k0; k < kEnd; k++) {
    const v = values[k]!;
    if (v !== v) continue;
    const x = scale.timeToPx(ts[k]!);
    const b = (x < 0 ? 0 : Math.floor(x)) * 3;
    if (!(v >= cols[b]!)) cols[b] = v;
    if (!(v <= cols[b + 1]!)) cols[b + 1] = v;
    cols[b + 2] = v;
  }
}

/**
 * A counter series as a step chart with an area under it (pixel pass): per pixel column the last
 * value (carried over empty columns) and min/max whiskers where a column held several samples.
 * Runs of equal values become one rect, so a flat stretch costs one fill.
 */
export function counterPixels(
  pixels: PixelLayer,
  f: TracksFrame,
  c: CounterTrack,
  row: Row,
  y: number,
  scale: TimeScale,
): void {
  const { labelWidth, colors } = f;
  const series = c.series[row.series];
  if (!series || c.ts.length === 0) return;
  const values = series.values;
  const contentW = Math.max(1, Math.floor(f.width - labelWidth));
  const { lo, hi } = counterRange(values, attachedCounterLod(series));
  const top = y + 4;
  const h = row.height - 8;
  const yOf = (v: number) => top + h - ((v - lo) / (hi - lo)) * h;
  if (counterCols.length < contentW * 3) counterCols = new Float64Array(contentW * 3);
  const cols = counterCols;
  cols.fill(NaN, 0, contentW * 3);
  const ts = c.ts;
  const k0 = Math.max(0, upperBound(ts, scale.start) - 1);
  const firstX = scale.timeToPx(ts[k0]!);
  let carry = firstX < 0 ? values[k0]! : NaN;
  fillColumns(ts, series, scale, k0, contentW, cols);
  const cc = counterColors(f.palette, colors.bg);
  const ci = memoized(counterColorIndex, c, colorIndexOfCounter);
  const stroke = cc.stroke[ci]!;
  const area = cc.area[ci]!;
  const baseY = yOf(Math.max(lo, Math.min(0, hi)));
  let runStart = -1;
  let runV = NaN;
  const flushRun = (end: number) => {
    if (runStart < 0 || runV !== runV) return;
    const yv = yOf(runV);
    const x = labelWidth + runStart;
    const w = end - runStart;
    if (yv < baseY) pixels.fillRect(x, yv, w, baseY - yv, area);
    else if (yv > baseY) pixels.fillRect(x, baseY, w, yv - baseY, area);
    pixels.fillRect(x, yv - 0.5, w, 1, stroke);
  };
  for (let col = Math.max(0, Math.floor(firstX)); col < contentW; col++) {
    const b = col * 3;
    const last = cols[b + 2]!;
    const has = last === last;
    if (!has && carry !== carry) continue;
    const prev = carry;
    const v = has ? last : carry;
    if (v !== runV) {
      flushRun(col);
      runStart = col;
      runV = v;
    }
    if (has) {
      // The step into this column's first value, and its min/max whisker.
      const mn = cols[b]!;
      const mx = cols[b + 1]!;
      const x = labelWidth + col;
      if (prev === prev) {
        const a = yOf(prev);
        const z = yOf(mn === mn && Math.abs(yOf(mn) - a) > Math.abs(yOf(mx) - a) ? mx : mn);
        pixels.fillRect(x, Math.min(a, z) - 0.5, 1, Math.abs(a - z) + 1, stroke);
      }
      if (mx > mn) pixels.fillRect(x, yOf(mx) - 0.5, 1, yOf(mn) - yOf(mx) + 1, stroke);
      carry = last;
    }
  }
  flushRun(contentW);
}

/** Counter scale labels (canvas pass). */
export function counterLabels(f: TracksFrame, c: CounterTrack, row: Row, y: number): void {
  const { ctx, labelWidth, colors } = f;
  const series = c.series[row.series];
  if (!series) return;
  const { lo, hi, flat } = counterRange(series.values);
  ctx.font = SMALL_FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = colors.fg2;
  // A flat series (e.g. all zero) is labelled with its value, not the padded scale's top.
  const top = flat ? (lo < 0 ? 0 : (series.values.find((v) => v === v) ?? 0)) : hi;
  ctx.fillText(formatValue(top), labelWidth + 4, y + 3);
  if (lo < 0) {
    ctx.textBaseline = 'bottom';
    ctx.fillText(formatValue(lo), labelWidth + 4, y + row.height - 2);
  }
}
