/**
 * "Only in the selected range": which rows of a table overlap a time range on the timeline
 * (ns since the trace start), as a mask the tables combine with their own filter.
 *
 *   range            [==========)
 *   row  |---|                        no  (ends before)
 *   row        |------|               yes (overlaps)
 *   row                 |            yes (zero-length inside)
 *   row                         |--|  no  (starts at or after the end)
 */
import type { KernelTable } from '../ascend-data';
import { baseParts } from '../ascend/base-ns';
import type { TimeSpan } from '../units';

/** Whether [start, start + dur) meets the half-open range (a zero-length row: start inside). */
export function overlapsRange(start: number, dur: number, r: TimeSpan): boolean {
  if (Number.isNaN(start)) return false;
  const d = Number.isNaN(dur) || dur < 0 ? 0 : dur;
  return d === 0 ? start >= r.start && start < r.end : start < r.end && start + d > r.start;
}

/** 1 for each row overlapping the range. */
export function rangeMask(
  starts: ArrayLike<number>,
  durs: ArrayLike<number> | null,
  r: TimeSpan,
): Uint8Array {
  const m = new Uint8Array(starts.length);
  for (let i = 0; i < starts.length; i++) {
    m[i] = overlapsRange(starts[i]!, durs ? durs[i]! : 0, r) ? 1 : 0;
  }
  return m;
}

const startsCache = new WeakMap<KernelTable, { baseNs: string; starts: Float64Array }>();

/** Kernel starts on the timeline (exact ns since `baseNs`; NaN when unknown), cached. */
export function kernelTimelineStarts(k: KernelTable, baseNs: string): Float64Array {
  const hit = startsCache.get(k);
  if (hit && hit.baseNs === baseNs) return hit.starts;
  const [bUs, bFrac] = baseParts(baseNs);
  const starts = new Float64Array(k.length);
  for (let i = 0; i < k.length; i++) {
    starts[i] = (k.startUs[i]! - bUs) * 1000 + (k.startFrac[i]! - bFrac);
  }
  startsCache.set(k, { baseNs, starts });
  return starts;
}
