/**
 * Clock offsets as exact integers, and where each open rank's trace sits on the timeline's
 * shared axis.
 *
 * A rank's clock offset c (ns, bigint) is subtracted from its absolute times to put them on the
 * reference clock. A trace's ns 0 is its `baseNs` (absolute, decimal string), so its ns 0 lands
 * at the aligned absolute time `baseNs − c`. The shared axis starts at the earliest of those
 * (the axis origin), so every trace's offset on the axis is `baseNs − c − origin` ≥ 0: an
 * integer small enough to be exact as a double.
 */

/** Parses an offset typed by the user: integer ns with optional separators and unit. */
export function parseOffsetNs(text: string): bigint | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (t === '') return 0n;
  const m = /^([+-]?)(\d+(?:\.\d+)?)(ns|us|µs|ms|s)?$/i.exec(t);
  if (!m) return null;
  const unit = (m[3] ?? 'ns').toLowerCase();
  const scale = unit === 'ns' ? 0 : unit === 's' ? 9 : unit === 'ms' ? 6 : 3;
  const [int, frac = ''] = m[2]!.split('.');
  if (frac.length > scale) return null; // finer than a nanosecond
  const digits = `${int}${frac.padEnd(scale, '0')}`;
  const v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}

/** "+1,734,567 ns", "−12 ns", "0 ns": exact, with thousands separators. */
export function formatOffsetNs(ns: bigint, signed = true): string {
  const neg = ns < 0n;
  const abs = (neg ? -ns : ns).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = neg ? '−' : signed && ns > 0n ? '+' : '';
  return `${sign}${abs} ns`;
}

export interface AxisItem {
  /** The trace's ns 0, exact decimal ns since the epoch on its rank's clock. */
  baseNs: string;
  /** The rank's clock offset (subtract to align). */
  clockOffsetNs: bigint;
}

/** The axis origin (aligned absolute ns) and each item's offset on the axis. */
export function axisPlacement(items: readonly AxisItem[]): {
  originNs: bigint | null;
  offsets: number[];
} {
  if (items.length === 0) return { originNs: null, offsets: [] };
  const starts = items.map((i) => BigInt(i.baseNs) - i.clockOffsetNs);
  let origin = starts[0]!;
  for (const s of starts) if (s < origin) origin = s;
  return { originNs: origin, offsets: starts.map((s) => Number(s - origin)) };
}
