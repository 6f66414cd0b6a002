/**
 * The Overview page's figures, from the profile's analysis (model/analysis) and side files:
 * - capture span: the trace's (baseNs, endNs), else first kernel start → last kernel end;
 * - device busy vs free, compute vs communication: the trace's Overlap Analysis lanes (whole
 *   capture), else the sum of step_trace_time rows, else the trace's device events as interval
 *   unions, else the union of kernel_details intervals (HCCL-core = communication);
 * - kernels and operators: the analysis layer's tables (side file when present, else the trace);
 * - top kernels (by name) and operators (operator_details by name) by total time;
 * - kernel count and time per accelerator core.
 * Busy = Computing + Communication(Not Overlapped): time the device computes or waits on
 * exposed communication; Free is the rest of the device's span, as torch_npu defines it.
 */
import type { KernelTable, OperatorTable, StepRow } from '../ascend-data';
import { analyzeProfile } from '../analysis/analyze';
import type { DeviceTotals } from '../analysis/breakdown';
import { operatorStatsForRows } from '../derive/kernel-groups';
import type { ProfileModel } from '../profile';
import { pairToNsString } from './base-ns';
import { computeKernelStats, type KernelStatRow } from './kernel-stats';
import { stepBreakdownFromTrace } from './step-breakdown';

export interface DeviceTime {
  /**
   * Where the figures came from: the trace's Overlap Analysis lanes, step_trace_time, the trace's
   * device events (interval unions, model/analysis), or kernel_details intervals.
   */
  source: 'trace' | 'steps' | 'events' | 'kernels';
  /** µs. */
  busyUs: number;
  freeUs: number;
  computingUs: number;
  communicationUs: number;
  overlappedUs: number;
  communicationNotOverlappedUs: number;
}

export interface OperatorStatRow {
  name: string;
  /** Calls: instances with no same-name op around them (§4.2). */
  count: number;
  /** Instances nested in a same-name op (not counted as calls). */
  nestedCount: number;
  hostSelfNs: number;
  hostTotalNs: number;
  deviceSelfNs: number;
  deviceTotalNs: number;
}

export interface CoreRow {
  /** Accelerator core ('' when the file says N/A, as at Level0). */
  core: string;
  count: number;
  totalNs: number;
}

export interface OverviewFigures {
  span: { startNs: string; durationNs: number; source: 'trace' | 'kernels' } | null;
  /** Where the Kernels and Operators tables came from ('trace', 'db' or a file name). */
  kernelsSource: string | null;
  operatorsSource: string | null;
  device: DeviceTime | null;
  topKernels: KernelStatRow[];
  /** Sorted by device total time, then host total time. */
  topOperators: OperatorStatRow[];
  cores: CoreRow[];
}

const TOP = 10;

function fromRows(rows: readonly StepRow[], source: 'trace' | 'steps'): DeviceTime | null {
  if (rows.length === 0) return null;
  const sum = (f: (r: StepRow) => number | null) => rows.reduce((a, r) => a + (f(r) ?? 0), 0);
  const computingUs = sum((r) => r.computing);
  const communicationNotOverlappedUs = sum((r) => r.communicationNotOverlapped);
  return {
    source,
    busyUs: computingUs + communicationNotOverlappedUs,
    freeUs: sum((r) => r.free),
    computingUs,
    communicationUs: sum((r) => r.communication),
    overlappedUs: sum((r) => r.overlapped),
    communicationNotOverlappedUs,
  };
}

/** Merged [start, end) intervals (ns), sorted. */
function union(iv: [number, number][]): [number, number][] {
  iv.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of iv) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const length = (iv: [number, number][]) => iv.reduce((a, [s, e]) => a + e - s, 0);

function intersectLength(a: [number, number][], b: [number, number][]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (e > s) n += e - s;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return n;
}

/** Kernel start/end relative to the first kernel, ns (exact). */
function kernelIntervals(k: KernelTable): {
  compute: [number, number][];
  comm: [number, number][];
} {
  let base = Infinity;
  for (let i = 0; i < k.length; i++) if (k.startUs[i]! < base) base = k.startUs[i]!;
  const compute: [number, number][] = [];
  const comm: [number, number][] = [];
  for (let i = 0; i < k.length; i++) {
    const d = k.durNs[i]!;
    if (Number.isNaN(k.startUs[i]!) || Number.isNaN(d)) continue;
    const s = (k.startUs[i]! - base) * 1000 + k.startFrac[i]!;
    const core = k.strings[k.core[i]!] ?? '';
    (core === 'HCCL' || core === 'COMMUNICATION' ? comm : compute).push([s, s + d]);
  }
  return { compute: union(compute), comm: union(comm) };
}

function fromKernels(k: KernelTable): DeviceTime | null {
  const { compute, comm } = kernelIntervals(k);
  const all = union([...compute, ...comm].map(([s, e]) => [s, e]));
  if (all.length === 0) return null;
  const busy = length(all);
  const computing = length(compute);
  const communication = length(comm);
  const overlapped = intersectLength(compute, comm);
  return {
    source: 'kernels',
    busyUs: busy / 1000,
    freeUs: (all[all.length - 1]![1] - all[0]![0] - busy) / 1000,
    computingUs: computing / 1000,
    communicationUs: communication / 1000,
    overlappedUs: overlapped / 1000,
    communicationNotOverlappedUs: (communication - overlapped) / 1000,
  };
}

function kernelSpan(k: KernelTable): OverviewFigures['span'] {
  let first = -1;
  let endNs = -Infinity;
  for (let i = 0; i < k.length; i++) {
    if (Number.isNaN(k.startUs[i]!)) continue;
    if (
      first < 0 ||
      k.startUs[i]! < k.startUs[first]! ||
      (k.startUs[i] === k.startUs[first] && k.startFrac[i]! < k.startFrac[first]!)
    )
      first = i;
  }
  if (first < 0) return null;
  const bUs = k.startUs[first]!;
  const bFrac = k.startFrac[first]!;
  for (let i = 0; i < k.length; i++) {
    const d = k.durNs[i]!;
    if (Number.isNaN(k.startUs[i]!)) continue;
    const e = (k.startUs[i]! - bUs) * 1000 + (k.startFrac[i]! - bFrac) + (Number.isNaN(d) ? 0 : d);
    if (e > endNs) endNs = e;
  }
  return {
    startNs: pairToNsString(bUs, bFrac),
    durationNs: endNs,
    source: 'kernels',
  };
}

/**
 * Operators grouped by name, sorted by device total, then host total time: the Operators view's
 * grouping ({@link operatorStatsForRows}, one definition). Calls and totals count only
 * instances with no same-name ancestor; self times count every instance (§4.2).
 */
export function computeOperatorStats(ops: OperatorTable): OperatorStatRow[] {
  return operatorStatsForRows(ops, 'name', null)
    .map((g) => ({
      name: g.parts[0] ?? '',
      count: g.count,
      nestedCount: g.nestedCount,
      hostSelfNs: g.hostSelfNs,
      hostTotalNs: g.hostTotalNs,
      deviceSelfNs: g.deviceSelfNs,
      deviceTotalNs: g.deviceTotalNs,
    }))
    .sort(
      (a, b) =>
        b.deviceTotalNs - a.deviceTotalNs ||
        b.hostTotalNs - a.hostTotalNs ||
        (a.name < b.name ? -1 : 1),
    );
}

/** Device time from the trace's device events (analysis layer, §3.2). */
function fromEvents(t: DeviceTotals): DeviceTime {
  const busy = t.computeNs + t.communicationNotOverlappedNs;
  return {
    source: 'events',
    busyUs: busy / 1000,
    freeUs: t.freeNs / 1000,
    computingUs: t.computeNs / 1000,
    communicationUs: t.communicationNs / 1000,
    overlappedUs: t.overlappedNs / 1000,
    communicationNotOverlappedUs: t.communicationNotOverlappedNs / 1000,
  };
}

export function overviewFigures(p: ProfileModel): OverviewFigures {
  const analysis = analyzeProfile(p);
  const k = analysis.kernels?.table;
  const trace = p.trace;
  let device: DeviceTime | null = null;
  if (trace) device = fromRows(stepBreakdownFromTrace(trace, []), 'trace');
  if (!device && p.ascend.steps) device = fromRows(p.ascend.steps, 'steps');
  if (!device && analysis.trace?.totals) device = fromEvents(analysis.trace.totals);
  if (!device && k) device = fromKernels(k);
  const span: OverviewFigures['span'] =
    trace && trace.stats.events > 0
      ? { startNs: trace.baseNs, durationNs: trace.endNs, source: 'trace' }
      : k
        ? kernelSpan(k)
        : null;
  const cores = k
    ? computeKernelStats(k, 'core').map((r) => ({
        core: r.parts[0]!,
        count: r.count,
        totalNs: r.totalNs,
      }))
    : [];
  const ops = analysis.operators?.table;
  return {
    span,
    kernelsSource: analysis.kernels?.source ?? null,
    operatorsSource: analysis.operators?.source ?? null,
    device,
    topKernels: k ? computeKernelStats(k, 'name').slice(0, TOP) : [],
    topOperators: ops ? computeOperatorStats(ops).slice(0, TOP) : [],
    cores,
  };
}

const cache = new WeakMap<ProfileModel, OverviewFigures>();

/** {@link overviewFigures} memoized per profile object (profiles are not mutated after import). */
export function overviewFiguresCached(p: ProfileModel): OverviewFigures {
  let f = cache.get(p);
  if (!f) cache.set(p, (f = overviewFigures(p)));
  return f;
}
