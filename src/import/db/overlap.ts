/**
 * Overlap Analysis, recomputed from device intervals (the db does not store it; msprof ≥ 1.2
 * may, in OVERLAP_ANALYSIS with ENUM_OVERLAP_ANALYSIS_TYPE, and then that table is used).
 *
 *   Computing                     = ∪ compute kernels (TASK rows with COMPUTE_TASK_INFO)
 *   Communication                 = ∪ COMMUNICATION_OP (else ∪ communication tasks)
 *   Communication(Not Overlapped) = Communication \ Computing
 *   Free                          = [first busy, last busy] \ (Computing ∪ Communication)
 *
 * Intervals are flat [start, end, start, end, …] arrays of exact integer ns relative to a base.
 * Step rows (µs, like step_trace_time.csv) are derived from the same lanes per step window.
 */
import type { StepRow } from '../../model/ascend-data';

/** Sorted union of half-open intervals (touching intervals merge). */
export function union(pairs: readonly number[]): number[] {
  const n = pairs.length >> 1;
  if (n === 0) return [];
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => pairs[2 * a]! - pairs[2 * b]! || pairs[2 * a + 1]! - pairs[2 * b + 1]!,
  );
  const out: number[] = [];
  for (const i of order) {
    const s = pairs[2 * i]!;
    const e = pairs[2 * i + 1]!;
    if (!(e >= s)) continue;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else out.push(s, e);
  }
  return out;
}

/** a \ b for sorted unions. */
export function subtract(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    let k = j;
    while (k < b.length && b[k]! < e) {
      if (b[k]! > s) out.push(s, b[k]!);
      s = Math.max(s, b[k + 1]!);
      if (s >= e) break;
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

/** [lo, hi] minus a sorted union. */
export function complement(busy: readonly number[], lo: number, hi: number): number[] {
  return subtract([lo, hi], busy);
}

/** Total length of a sorted union clipped to [lo, hi]. */
export function clippedLength(a: readonly number[], lo = -Infinity, hi = Infinity): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) {
    const s = Math.max(a[i]!, lo);
    const e = Math.min(a[i + 1]!, hi);
    if (e > s) sum += e - s;
  }
  return sum;
}

export interface OverlapLanes {
  computing: number[];
  communication: number[];
  communicationNotOverlapped: number[];
  free: number[];
  /** Receive ops (hcom_receive…), for the step rows' Bubble. */
  receive: number[];
}

export function computeOverlap(
  compute: readonly number[],
  comm: readonly number[],
  receive: readonly number[] = [],
): OverlapLanes {
  const computing = union(compute);
  const communication = union(comm);
  const busy = union([...computing, ...communication]);
  const free = busy.length > 0 ? complement(busy, busy[0]!, busy[busy.length - 1]!) : [];
  return {
    computing,
    communication,
    communicationNotOverlapped: subtract(communication, computing),
    free,
    receive: union(receive),
  };
}

/** The four lanes in the text export's thread order (tid 0..3). */
export const OVERLAP_THREADS = [
  'Computing',
  'Communication',
  'Communication(Not Overlapped)',
  'Free',
] as const;

export function overlapLane(l: OverlapLanes, i: number): number[] {
  return [l.computing, l.communication, l.communicationNotOverlapped, l.free][i] ?? [];
}

/**
 * One step_trace_time row for a device window [lo, hi] (ns), in µs: Stage spans the first to
 * the last busy instant, Free is the idle part of it, Preparing the time from the step start
 * (`stepStart`) to the first busy instant.
 */
export function stepRow(
  l: OverlapLanes,
  step: string,
  deviceId: string | null,
  lo: number,
  hi: number,
  stepStart: number,
): StepRow {
  const busy = union([...l.computing, ...l.communication]);
  const clipped = subtract(busy, [-Infinity, lo, hi, Infinity]);
  const first = clipped.length > 0 ? clipped[0]! : lo;
  const last = clipped.length > 0 ? clipped[clipped.length - 1]! : lo;
  const us = (ns: number) => Math.round(ns) / 1000;
  const computing = clippedLength(l.computing, first, last);
  const communication = clippedLength(l.communication, first, last);
  const notOverlapped = clippedLength(l.communicationNotOverlapped, first, last);
  const receiveNotOverlapped = clippedLength(
    subtract(l.communicationNotOverlapped, subtract([first, last], l.receive)),
    first,
    last,
  );
  return {
    step,
    deviceId,
    computing: us(computing),
    communicationNotOverlapped: us(notOverlapped),
    overlapped: us(communication - notOverlapped),
    communication: us(communication),
    free: us(last - first - clippedLength(clipped)),
    stage: us(last - first),
    bubble: us(clippedLength(l.receive, first, last)),
    communicationNotOverlappedExcludeReceive: us(notOverlapped - receiveNotOverlapped),
    preparing: us(Math.max(0, first - stepStart)),
  };
}
