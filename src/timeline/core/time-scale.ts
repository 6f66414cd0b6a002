/**
 * Time ↔ pixel maths for the timeline. Times are ns on the timeline axis (for one trace: ns since
 * its start; exact integers in float64); pixels are CSS px from the left edge of the content
 * area (the track-label gutter is not part of it).
 *
 *        gutter      content area (width W CSS px)
 *     |<-------->|<------------------------------------------>|
 *                x = 0                                        x = W
 *                t = start                                    t = end
 *
 *     timeToPx(t) = (t - start) * W / (end - start)
 *     pxToTime(x) = start + x * (end - start) / W          (fractional ns)
 *     pxToNs(x)   = ⌊start⌋ + round(start - ⌊start⌋ + x * (end - start) / W)   (the ns under x)
 *
 * `t - start` is computed first so that large absolute offsets (1e14 ns and more) never lose
 * the ns: both are below 2^53 and their difference is exact (a fractional `start` adds at most
 * one ulp of the offset, far below a ns). Ticks are integer multiples of a 1/2/5×10^k ns step, so
 * they stay exact at every zoom level down to single ns.
 */
import { formatCount } from '../../lib/format';
import type { CssPixels, Nanoseconds } from '../../model/units';

export class TimeScale {
  /** CSS px per ns. */
  readonly pxPerNs: number;
  /** ns per CSS px. */
  readonly nsPerPx: number;

  constructor(
    readonly start: Nanoseconds,
    readonly end: Nanoseconds,
    readonly width: CssPixels,
  ) {
    const span = Math.max(end - start, 1e-9);
    const w = Math.max(width, 1);
    this.pxPerNs = w / span;
    this.nsPerPx = span / w;
  }

  timeToPx(t: Nanoseconds): CssPixels {
    return (t - this.start) * this.pxPerNs;
  }

  pxToTime(x: CssPixels): Nanoseconds {
    return this.start + x * this.nsPerPx;
  }

  /**
   * The integer ns under pixel x. Rounds the small offset from the integer part of `start`,
   * never the large sum (whose ulp can reach 0.25 ns past 2^50 ns).
   */
  pxToNs(x: CssPixels): Nanoseconds {
    const whole = Math.floor(this.start);
    return whole + Math.round(this.start - whole + x * this.nsPerPx);
  }

  durationToPx(d: Nanoseconds): CssPixels {
    return d * this.pxPerNs;
  }

  /** The same scale seen from a trace whose ns 0 sits at `offset` on this axis. */
  shifted(offset: Nanoseconds): TimeScale {
    return offset === 0 ? this : new TimeScale(this.start - offset, this.end - offset, this.width);
  }
}

const UNITS = [
  { ns: 1e9, suffix: 's' },
  { ns: 1e6, suffix: 'ms' },
  { ns: 1e3, suffix: 'µs' },
  { ns: 1, suffix: 'ns' },
] as const;

/** Smallest 1/2/5×10^k ns step (k ≥ 0) that is at least `minStep` ns. */
export function niceStep(minStep: Nanoseconds): Nanoseconds {
  if (!(minStep > 1)) return 1;
  let p = Math.pow(10, Math.floor(Math.log10(minStep)));
  for (;;) {
    for (const m of [1, 2, 5]) if (m * p >= minStep) return m * p;
    p *= 10;
  }
}

export interface Ticks {
  /** Step between ticks, ns. */
  step: Nanoseconds;
  /** Tick times, ns (integers). */
  times: Nanoseconds[];
  /** Labels, same order. */
  labels: string[];
}

/** Label unit for ticks: by the magnitude of the largest |t| in view, so all labels share it. */
function labelUnit(maxAbs: number): { ns: number; suffix: string } {
  for (const u of UNITS) if (maxAbs >= u.ns) return u;
  return UNITS[UNITS.length - 1]!;
}

/**
 * Exact decimal text of integer ns `v` in `unit`, with `decimals` fraction digits (truncated;
 * ticks are multiples of the step, so nothing is lost).
 */
export function formatInUnit(v: number, unitNs: number, decimals: number): string {
  const neg = v < 0;
  const a = Math.abs(Math.round(v));
  const whole = Math.floor(a / unitNs);
  // Without Intl (formatCount): the first Intl call of a page loads ICU (~30 ms), inside the
  // timeline's first frame.
  let text = formatCount(whole);
  if (decimals > 0) {
    const unitDigits = Math.round(Math.log10(unitNs));
    const frac = String(a - whole * unitNs).padStart(unitDigits, '0');
    text += `.${frac.slice(0, decimals)}`;
  }
  return neg && a !== 0 ? `-${text}` : text;
}

/**
 * Ticks for a scale with labels at least `minGapPx` apart (plus the label's own width).
 * Labels read as time since the trace start in one unit, with as many decimals as the step needs:
 * "120 ms", "123.456789 ms".
 */
export function computeTicks(scale: TimeScale, minGapPx = 80, charPx = 6.5): Ticks {
  const maxAbs = Math.max(Math.abs(scale.start), Math.abs(scale.end));
  const unit = labelUnit(maxAbs);
  let step = niceStep(scale.nsPerPx * minGapPx);
  for (let guard = 0; guard < 40; guard++) {
    const decimals = Math.max(0, Math.ceil(Math.log10(unit.ns / step) - 1e-9));
    const sample = formatInUnit(scale.end, unit.ns, decimals);
    const needPx = (sample.length + unit.suffix.length + 1) * charPx + 16;
    if (step * scale.pxPerNs >= needPx) break;
    step = niceStep(step * 1.01);
  }
  const decimals = Math.max(0, Math.ceil(Math.log10(unit.ns / step) - 1e-9));
  const times: number[] = [];
  const labels: string[] = [];
  const first = Math.ceil(scale.start / step) * step;
  for (let t = first, i = 0; t <= scale.end && i < 1000; i++, t = first + i * step) {
    times.push(t);
    labels.push(`${formatInUnit(t, unit.ns, decimals)} ${unit.suffix}`);
  }
  return { step, times, labels };
}

/**
 * A time (ns on the axis, relative to the trace start) as exact text for the cursor readout:
 * integer ns with separators ("123,456,789 ns").
 */
export function formatRelativeExact(t: Nanoseconds): string {
  return `${formatCount(t)} ns`;
}

/** Absolute time as exact decimal ns: `baseNs` (the trace's ns 0) + `relNs`, through BigInt. */
export function absoluteNs(baseNs: string, relNs: Nanoseconds): string {
  try {
    return (BigInt(baseNs) + BigInt(Math.round(relNs))).toString();
  } catch {
    return `${baseNs} + ${Math.round(relNs)}`;
  }
}

/** Absolute ns as seconds with 9 decimals ("1736412474.607917240 s"). */
export function absoluteSecondsText(absNs: string): string {
  const neg = absNs.startsWith('-');
  const digits = (neg ? absNs.slice(1) : absNs).padStart(10, '0');
  const whole = digits.slice(0, -9);
  return `${neg ? '-' : ''}${whole}.${digits.slice(-9)} s`;
}

/** Cursor readout: time since the trace start, with as many decimals as a pixel resolves. */
export function cursorText(scale: TimeScale, x: number): string {
  const t = scale.pxToTime(x);
  const abs = Math.abs(t);
  const unit = abs >= 1e9 ? 1e9 : abs >= 1e6 ? 1e6 : abs >= 1e3 ? 1e3 : 1;
  const suffix = unit === 1e9 ? 's' : unit === 1e6 ? 'ms' : unit === 1e3 ? 'µs' : 'ns';
  const decimals = Math.max(
    0,
    Math.min(Math.log10(unit), Math.ceil(Math.log10(unit / Math.max(1, scale.nsPerPx)))),
  );
  return `${formatInUnit(Math.round(t), unit, decimals)} ${suffix}`;
}
