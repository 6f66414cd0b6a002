/**
 * Links kernel_details rows to their slices on the timeline and back.
 *
 * A kernel row and its `Ascend Hardware` slice share the exact start (the CSV's
 * `1736412474730135.222` and the trace's `"ts": "1736412474730135.222"`) and the name, so the
 * link is an exact lookup: timeline ns = kernel ns − trace.baseNs. HCCL rows (communication
 * ops) are not on Ascend Hardware but on the `HCCL` / `Communication` process, where CANN's
 * start may differ from the CSV's by a rounding ns (…059.739 vs …059.740); for those the
 * closest same-name slice within {@link COMM_TOLERANCE_NS} is taken.
 */
import { lowerBound } from '../../lib/bisect';
import type { KernelTable } from '../ascend-data';
import type { SliceRef, SliceTable, TraceModel } from '../trace-model';
import { findSliceAt } from '../slice-queries';
import { baseParts } from './base-ns';

export const HARDWARE_PROCESS = 'Ascend Hardware';
export const COMM_PROCESSES = ['HCCL', 'Communication'];
/** How far (ns) a communication op's start may be from the CSV's. */
export const COMM_TOLERANCE_NS = 2;

/** Timeline ns (exact) of kernel row i's start; NaN when the row has no start. */
export function kernelStartNs(kernels: KernelTable, i: number, baseNs: string): number {
  const b = baseParts(baseNs);
  return (kernels.startUs[i]! - b[0]) * 1000 + (kernels.startFrac[i]! - b[1]);
}

/** Main and overflow slice tracks of every thread of the processes with one of these names. */
function tracksOf(trace: TraceModel, names: readonly string[]): number[] {
  const out: number[] = [];
  trace.processes.forEach((p) => {
    if (p.name === null || !names.includes(p.name)) return;
    for (const ti of p.threads) {
      const th = trace.threads[ti]!;
      if (th.track >= 0) out.push(th.track);
      if (th.overflowTrack >= 0) out.push(th.overflowTrack);
    }
  });
  return out;
}

interface LinkIndex {
  hw: number[];
  comm: number[];
  /** Name → first string id; names interned more than once (different escapes) in `dup`. */
  ids: Map<string, number>;
  dup: Set<string>;
}

const indexCache = new WeakMap<TraceModel, LinkIndex>();
function linkIndex(trace: TraceModel): LinkIndex {
  let c = indexCache.get(trace);
  if (!c) {
    const ids = new Map<string, number>();
    const dup = new Set<string>();
    trace.strings.forEach((s, i) => {
      if (ids.has(s)) dup.add(s);
      else ids.set(s, i);
    });
    c = {
      hw: tracksOf(trace, [HARDWARE_PROCESS]),
      comm: tracksOf(trace, COMM_PROCESSES),
      ids,
      dup,
    };
    indexCache.set(trace, c);
  }
  return c;
}

/** Index of the slice nearest `ts` within ±tol with this name, or -1. */
function findNear(trace: TraceModel, t: SliceTable, ts: number, name: string, tol: number) {
  let best = -1;
  let bestD = Infinity;
  for (let i = lowerBound(t.start, ts - tol, 0, t.length); i < t.length; i++) {
    const d = Math.abs(t.start[i]! - ts);
    if (t.start[i]! > ts + tol) break;
    if (d < bestD && trace.strings[t.name[i]!] === name) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/** The Ascend Hardware (or, for communication ops, HCCL) slice of kernel row i, or null. */
export function findKernelSlice(
  trace: TraceModel,
  kernels: KernelTable,
  i: number,
): SliceRef | null {
  const ts = kernelStartNs(kernels, i, trace.baseNs);
  if (Number.isNaN(ts)) return null;
  const name = kernels.strings[kernels.name[i]!] ?? '';
  const { hw, comm, ids, dup } = linkIndex(trace);
  const id = ids.get(name);
  if (id !== undefined) {
    for (const track of hw) {
      const t = trace.sliceTracks[track]!.slices;
      const j = dup.has(name) ? findNear(trace, t, ts, name, 0) : findSliceAt(t, ts, id);
      if (j >= 0) return { track, index: j };
    }
  }
  for (const track of comm) {
    const j = findNear(trace, trace.sliceTracks[track]!.slices, ts, name, COMM_TOLERANCE_NS);
    if (j >= 0) return { track, index: j };
  }
  return null;
}

/** Per KernelTable: row indices sorted by exact start, for the reverse lookup. */
const orderCache = new WeakMap<KernelTable, Uint32Array>();
function rowsByStart(k: KernelTable): Uint32Array {
  let o = orderCache.get(k);
  if (!o) {
    // Rows without a start (NaN) sort last.
    const key = (i: number) => (Number.isNaN(k.startUs[i]!) ? Infinity : k.startUs[i]!);
    o = new Uint32Array(k.length).map((_, i) => i);
    o.sort((a, b) => key(a) - key(b) || k.startFrac[a]! - k.startFrac[b]!);
    orderCache.set(k, o);
  }
  return o;
}

/**
 * The kernel row of a slice (track, index) on Ascend Hardware or HCCL, or -1: the row with the
 * same name whose start equals the slice's (within the communication tolerance for HCCL).
 */
export function findKernelRow(
  kernels: KernelTable,
  trace: TraceModel,
  track: number,
  index: number,
): number {
  const t = trace.sliceTracks[track]?.slices;
  if (!t || index < 0 || index >= t.length) return -1;
  const { hw, comm } = linkIndex(trace);
  const tol = hw.includes(track) ? 0 : comm.includes(track) ? COMM_TOLERANCE_NS : -1;
  if (tol < 0) return -1;
  const ts = t.start[index]!;
  const name = trace.strings[t.name[index]!];
  const order = rowsByStart(kernels);
  // Binary search on the sorted order for the first row starting at or after ts - tol.
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (kernelStartNs(kernels, order[mid]!, trace.baseNs) < ts - tol) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestD = Infinity;
  for (let p = lo; p < order.length; p++) {
    const r = order[p]!;
    const s = kernelStartNs(kernels, r, trace.baseNs);
    if (s > ts + tol) break;
    const d = Math.abs(s - ts);
    if (d < bestD && kernels.strings[kernels.name[r]!] === name) {
      best = r;
      bestD = d;
    }
  }
  return best;
}
