/**
 * kernel_details (or the db's task rows) joined onto the trace's device events, for the Kernels
 * table: each row gains what the analysis of the trace knows about its slice — the event's kind
 * (compute / communication / memory / other), the CPU operator that launched it (through its
 * launch flow, operators.ts), and the step it was launched in (breakdown.ts) — and the join says
 * how many rows have no slice and how many device tasks have no row. The link is exact (same name
 * and start; kernel-link.ts).
 *
 * The join is made at import, in the worker, where the analysis of the trace already exists (the
 * cross-view checks made it): {@link attachKernelJoin} keeps it on the profile as plain data
 * (typed arrays and two string lists), so it travels to the page with the model and into the
 * reopen cache, and the Kernels view only reads it. A profile without one (built elsewhere, or
 * its timeline switched to another source) gets it made on first use.
 */
import type { KernelTable } from '../ascend-data';
import { findKernelRow } from '../ascend/kernel-link';
import type { ProfileModel } from '../profile';
import type { TraceModel } from '../trace-model';
import { analyzeTrace } from './analyze';
import { DEVICE_KIND_LABEL } from './device-events';

/** The join as data (worker-made, transferable, cacheable). */
export interface KernelJoinData {
  /** The timeline source (`ProfileModel.traceSource`) it was made for. */
  traceSource: string | null;
  /** Device event of each row (index into the analysis' device events), -1 without a slice. */
  event: Int32Array;
  /** Rows with a slice on the timeline. */
  matched: number;
  /** Device tasks of the trace (hardware tasks and communication ops) with no row. */
  unmatchedEvents: number;
  /** Kind of row r's slice (index into DEVICE_KIND_LABEL), -1 without one. */
  kind: Int8Array;
  /** Row r's launching CPU operator (index into `operators`), -1 when unknown. */
  operator: Int32Array;
  operators: string[];
  /** Step row r's slice was launched in (index into `steps`), -1 when none. */
  step: Int32Array;
  steps: string[];
}

export interface KernelTraceJoin {
  /** Device event of each row (index into the analysis' device events), -1 without a slice. */
  event: Int32Array;
  /** Rows with a slice on the timeline. */
  matched: number;
  /** Device tasks of the trace (hardware tasks and communication ops) with no row. */
  unmatchedEvents: number;
  /** Kind of row r's slice ('' without one). */
  kind: (r: number) => string;
  /** Name of the CPU operator that launched row r's slice ('' when unknown). */
  operator: (r: number) => string;
  /** Step row r's slice was launched in ('' when none). */
  step: (r: number) => string;
}

/** Joins the rows of `k` onto the device events of `trace` (the analysis is made if needed). */
export function computeKernelJoin(
  k: KernelTable,
  trace: TraceModel,
  traceSource: string | null,
): KernelJoinData {
  const a = analyzeTrace(trace);
  const dev = a.device;
  const event = new Int32Array(k.length).fill(-1);
  let matched = 0;
  let unmatched = 0;
  for (let e = 0; e < dev.length; e++) {
    const r = findKernelRow(k, trace, dev.track[e]!, dev.index[e]!);
    if (r < 0) {
      unmatched++;
      continue;
    }
    if (event[r]! < 0) matched++;
    event[r] = e;
  }
  const ops = a.operators;
  const kind = new Int8Array(k.length).fill(-1);
  const operator = new Int32Array(k.length).fill(-1);
  const step = new Int32Array(k.length).fill(-1);
  const operators: string[] = [];
  const opIds = new Map<string, number>();
  for (let r = 0; r < k.length; r++) {
    const e = event[r]!;
    if (e < 0) continue;
    kind[r] = dev.kind[e]!;
    const o = ops.owner[e]!;
    const name = o < 0 ? '' : (ops.table.strings[ops.table.name[o]!] ?? '');
    if (name !== '') {
      let id = opIds.get(name);
      if (id === undefined) opIds.set(name, (id = operators.push(name) - 1));
      operator[r] = id;
    }
    step[r] = a.eventStep[e]!;
  }
  return {
    traceSource,
    event,
    matched,
    unmatchedEvents: unmatched,
    kind,
    operator,
    operators,
    step,
    steps: a.steps.map((s) => s.id),
  };
}

const views = new WeakMap<KernelJoinData, KernelTraceJoin>();

/** The Kernels view's reading of the join data. */
function joinView(d: KernelJoinData): KernelTraceJoin {
  let v = views.get(d);
  if (v) return v;
  v = {
    event: d.event,
    matched: d.matched,
    unmatchedEvents: d.unmatchedEvents,
    kind: (r) => (d.kind[r]! < 0 ? '' : (DEVICE_KIND_LABEL[d.kind[r]!] ?? '')),
    operator: (r) => (d.operator[r]! < 0 ? '' : (d.operators[d.operator[r]!] ?? '')),
    step: (r) => (d.step[r]! < 0 ? '' : (d.steps[d.step[r]!] ?? '')),
  };
  views.set(d, v);
  return v;
}

/** Whether the profile's Kernels table comes from a side file and there is a trace to join. */
function joinable(p: ProfileModel): p is ProfileModel & { trace: TraceModel } {
  const k = p.ascend.kernels;
  return !!k && k.source !== 'trace' && !!p.trace;
}

/** Makes the join at import (in the worker) and keeps it on the profile. */
export function attachKernelJoin(p: ProfileModel): void {
  if (!joinable(p)) return;
  p.kernelJoin = computeKernelJoin(p.ascend.kernels!, p.trace, p.traceSource ?? null);
}

/**
 * The join for the profile's Kernels table when it comes from a side file and there is a trace:
 * the one made at import, or (another timeline source, a profile built elsewhere) made now and
 * kept on the profile. Null too while the import worker is still making it (`checksPending`).
 */
export function kernelTraceJoin(p: ProfileModel): KernelTraceJoin | null {
  if (!joinable(p) || (p.checksPending && !p.kernelJoin)) return null;
  const src = p.traceSource ?? null;
  if (!p.kernelJoin || p.kernelJoin.traceSource !== src) attachKernelJoin(p);
  return joinView(p.kernelJoin!);
}
