/**
 * kernel_details (or the db's task rows) joined onto the trace's device events, for the Kernels
 * table: each row gains what the analysis of the trace knows about its slice — the event's kind
 * (compute / communication / memory / other), the CPU operator that launched it (through its
 * launch flow, operators.ts), and the step it was launched in (breakdown.ts) — and the join says
 * how many rows have no slice and how many device tasks have no row. The link is exact (same name
 * and start; kernel-link.ts).
 */
import type { KernelTable } from '../ascend-data';
import { findKernelRow } from '../ascend/kernel-link';
import type { ProfileModel } from '../profile';
import type { TraceModel } from '../trace-model';
import { analyzeTrace } from './analyze';
import { DEVICE_KIND_LABEL } from './device-events';

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

const cache = new WeakMap<KernelTable, { trace: TraceModel; join: KernelTraceJoin }>();

export function joinKernelsToTrace(k: KernelTable, trace: TraceModel): KernelTraceJoin {
  const hit = cache.get(k);
  if (hit && hit.trace === trace) return hit.join;
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
  const opName = (o: number) => (o < 0 ? '' : (ops.table.strings[ops.table.name[o]!] ?? ''));
  const join: KernelTraceJoin = {
    event,
    matched,
    unmatchedEvents: unmatched,
    kind: (r) => (event[r]! < 0 ? '' : (DEVICE_KIND_LABEL[dev.kind[event[r]!]!] ?? '')),
    operator: (r) => (event[r]! < 0 ? '' : opName(ops.owner[event[r]!]!)),
    step: (r) => {
      const e = event[r]!;
      const s = e < 0 ? -1 : a.eventStep[e]!;
      return s < 0 ? '' : (a.steps[s]?.id ?? '');
    },
  };
  cache.set(k, { trace, join });
  return join;
}

/** The join for the profile's Kernels table when it comes from a side file and there is a trace. */
export function kernelTraceJoin(p: ProfileModel): KernelTraceJoin | null {
  const k = p.ascend.kernels;
  if (!k || k.source === 'trace' || !p.trace) return null;
  return joinKernelsToTrace(k, p.trace);
}
