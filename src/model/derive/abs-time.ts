/**
 * Absolute profiler times (decimal µs since the epoch, as CSV cells or JSON numbers) placed on
 * the timeline: exact ns since the trace's `baseNs`.
 */
import { parseDecimalUs, type ExactTime } from '../../lib/exact-time';
import { baseParts } from '../ascend/base-ns';

const scratch: ExactTime = { us: 0, fracNs: 0 };

/** "1736412474720984.920" (a trailing TAB is fine) → ns on the timeline; NaN when unreadable. */
export function absUsTextToTimelineNs(text: string, baseNs: string): number {
  if (parseDecimalUs(text, scratch) !== null) return NaN;
  const [bUs, bFrac] = baseParts(baseNs);
  return (scratch.us - bUs) * 1000 + (scratch.fracNs - bFrac);
}

/**
 * An absolute time held as a float µs (e.g. communication.json's start, 1736412474757059.8;
 * float µs near 1.7e15 resolve only 0.25 µs) → ns on the timeline, rounded to the ns.
 */
export function absUsToTimelineNs(us: number | null, baseNs: string): number {
  if (us === null || !Number.isFinite(us)) return NaN;
  const [bUs, bFrac] = baseParts(baseNs);
  return Math.round((us - bUs) * 1000 - bFrac);
}

/** A window around `t` (ns) wide enough to show `dur` with margins, at least `minSpan` ns. */
export function windowAround(
  t: number,
  dur: number,
  minSpan = 20_000,
): { start: number; end: number } {
  const d = Number.isFinite(dur) && dur > 0 ? dur : 0;
  const span = Math.max(minSpan, d * 3);
  const mid = t + d / 2;
  return { start: mid - span / 2, end: mid + span / 2 };
}
