/**
 * Device time from the device events (analysis-definitions.md §3.2, §3.3), as interval unions:
 * - busy = union of every device event (kernels, copies, synchronisation, communication ops);
 * - compute = union of compute kernels; communication = union of communication events;
 * - overlapped = |communication ∩ compute|; exposed communication = communication − overlapped;
 * - free = the span (first device event start → last end) − |compute ∪ communication|, as
 *   the Ascend `Free` lane counts it (copies and waits land in Free); idle = span − busy (HTA).
 * Per step (HTA temporal breakdown on the device step): a device event belongs to the host step
 * `ProfilerStep#N` that contains its launch (the flow start), or, without a launch flow, its own
 * start. The device step runs from the first such event's start to max(last end, host step end)
 * (torch_npu's device step rule, §2.1); free and idle are measured over that range, so
 * computing + exposed communication + free = the device step, and busy ≤ the device step.
 */
import { profilerStepRanges, type StepRange } from '../ascend/step-breakdown';
import type { TraceModel } from '../trace-model';
import { DeviceKind, type DeviceEvents } from './device-events';
import {
  clippedLength,
  intersectLength,
  mergeUnions,
  unionLength,
  unionOf,
  type Union,
} from './intervals';

export interface DeviceTotals {
  /** ns since the trace start; NaN when there are no device events. */
  spanStartNs: number;
  spanEndNs: number;
  busyNs: number;
  computeNs: number;
  communicationNs: number;
  overlappedNs: number;
  communicationNotOverlappedNs: number;
  /** Busy time that is neither compute nor communication (copies, synchronisation). */
  otherBusyNs: number;
  /** span − |compute ∪ communication| (Ascend Free). */
  freeNs: number;
  /** span − busy (HTA idle). */
  idleNs: number;
}

export interface TraceStep extends DeviceTotals {
  /** Step id from `ProfilerStep#N`. */
  id: string;
  hostStartNs: number;
  hostEndNs: number;
  /** Device events assigned to the step. */
  events: number;
  /**
   * Start of the step's first compute or communication event, ns (NaN when it has none): where
   * step_trace_time's Preparing ends (§2.2), not at a copy or fill that precedes it.
   */
  firstComputeOrCommNs: number;
}

export interface Unions {
  all: Union;
  compute: Union;
  comm: Union;
}

function unionsOf(dev: DeviceEvents, rows: ArrayLike<number> | null): Unions {
  const n = rows ? rows.length : dev.length;
  // Typed scratch columns shared by the three unions (unionOf copies what it keeps).
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const pick = (want: (k: number) => boolean) => {
    let m = 0;
    for (let j = 0; j < n; j++) {
      const i = rows ? rows[j]! : j;
      if (!want(dev.kind[i]!)) continue;
      s[m] = dev.start[i]!;
      e[m++] = dev.end[i]!;
    }
    return unionOf(s.subarray(0, m), e.subarray(0, m));
  };
  return {
    all: pick(() => true),
    compute: pick((k) => k === DeviceKind.Compute),
    comm: pick((k) => k === DeviceKind.Communication),
  };
}

function totals(u: Unions, spanStart: number, spanEnd: number): DeviceTotals {
  const busy = unionLength(u.all);
  const compute = unionLength(u.compute);
  const comm = unionLength(u.comm);
  const overlapped = intersectLength(u.compute, u.comm);
  const cc = unionLength(mergeUnions(u.compute, u.comm));
  const span = Number.isFinite(spanStart) ? spanEnd - spanStart : 0;
  return {
    spanStartNs: spanStart,
    spanEndNs: spanEnd,
    busyNs: busy,
    computeNs: compute,
    communicationNs: comm,
    overlappedNs: overlapped,
    communicationNotOverlappedNs: comm - overlapped,
    otherBusyNs: busy - cc,
    freeNs: Math.max(0, span - cc),
    idleNs: Math.max(0, span - busy),
  };
}

export function deviceTotals(dev: DeviceEvents): { totals: DeviceTotals; unions: Unions } {
  const u = unionsOf(dev, null);
  // The span runs from the first event's start to the last one's end, zero-length events
  // included (a union drops them, and a span taken from it would depend on whether the first
  // task happened to last 0 ns).
  let start = Infinity;
  let end = -Infinity;
  for (let e = 0; e < dev.length; e++) {
    if (dev.start[e]! < start) start = dev.start[e]!;
    if (dev.end[e]! > end) end = dev.end[e]!;
  }
  if (dev.length === 0) start = end = NaN;
  return { totals: totals(u, start, end), unions: u };
}

/**
 * Host steps: `ProfilerStep#N` slices, one per id (the earliest: Kineto also draws each step as
 * a `gpu_user_annotation` on the GPU, which starts later than its host slice).
 */
export function hostSteps(trace: TraceModel): StepRange[] {
  const seen = new Set<string>();
  const out: StepRange[] = [];
  for (const r of profilerStepRanges(trace)) {
    if (seen.has(r.step)) continue;
    seen.add(r.step);
    out.push(r);
  }
  return out;
}

/**
 * The host step of each device event (index into `host`, -1 for none): the step containing its
 * launch (the flow start), or, without a launch flow, its own start (HTA's rule).
 */
export function eventSteps(host: readonly StepRange[], dev: DeviceEvents): Int32Array {
  const out = new Int32Array(dev.length).fill(-1);
  const starts = host.map((h) => h.startNs);
  for (let e = 0; e < dev.length; e++) {
    const t = Number.isNaN(dev.launchTs[e]!) ? dev.start[e]! : dev.launchTs[e]!;
    // Last host step starting at or before t (steps do not overlap), if t is inside it.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - 1;
    if (k >= 0 && t < host[k]!.endNs) out[e] = k;
  }
  return out;
}

export function traceSteps(
  trace: TraceModel,
  dev: DeviceEvents,
  host: readonly StepRange[] = hostSteps(trace),
  eventStep: Int32Array = eventSteps(host, dev),
): TraceStep[] {
  if (host.length === 0) return [];
  const members: number[][] = host.map(() => []);
  for (let e = 0; e < dev.length; e++) if (eventStep[e]! >= 0) members[eventStep[e]!]!.push(e);
  return host.map((h, k) => {
    const rows = members[k]!;
    const u = unionsOf(dev, rows);
    let first = Infinity;
    let last = -Infinity;
    for (const e of rows) {
      if (dev.start[e]! < first) first = dev.start[e]!;
      if (dev.end[e]! > last) last = dev.end[e]!;
    }
    const start = rows.length > 0 ? first : h.startNs;
    const end = rows.length > 0 ? Math.max(last, h.endNs) : h.endNs;
    const cc = mergeUnions(u.compute, u.comm);
    return {
      id: h.step,
      hostStartNs: h.startNs,
      hostEndNs: h.endNs,
      events: rows.length,
      firstComputeOrCommNs: cc.length > 0 ? cc[0]! : NaN,
      ...totals(u, start, end),
    };
  });
}

export interface Collective {
  track: number;
  index: number;
  name: string;
  startNs: number;
  durNs: number;
  /** |op ∩ compute union|, ns (HTA comm/comp overlap, per op). */
  overlapNs: number;
}

export function collectives(trace: TraceModel, dev: DeviceEvents, u: Unions): Collective[] {
  const out: Collective[] = [];
  for (let e = 0; e < dev.length; e++) {
    if (dev.kind[e] !== DeviceKind.Communication) continue;
    const s = trace.sliceTracks[dev.track[e]!]!.slices;
    const i = dev.index[e]!;
    const a = dev.start[e]!;
    const b = dev.end[e]!;
    out.push({
      track: dev.track[e]!,
      index: i,
      name: trace.strings[s.name[i]!] ?? '',
      startNs: a,
      durNs: b - a,
      overlapNs: clippedLength(u.compute, a, b),
    });
  }
  return out.sort((x, y) => x.startNs - y.startNs);
}
