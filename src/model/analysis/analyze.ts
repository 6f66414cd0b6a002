/**
 * One analysis per profile, shared by every view, the headless summary, the SQL tables and the
 * import checks (style-guide "One truth"). Computed once per (profile, trace) and memoised.
 *
 * From the trace: device events, device totals (busy / compute / communication / free as
 * interval unions), steps projected onto the device, collectives, CPU operators with device time
 * through launch flows, and a Kernels table. The Ascend side files, when present, take the
 * Kernels and Operators tables (kernel_details / operator_details have columns the trace lacks:
 * shapes, block dim, PMU ratios) and are checked against the trace; without them, the tables
 * come from the trace. `source` says which: 'trace', 'db' (a timeline built from the profiler
 * db), or the side file's name.
 */
import type { KernelTable, OperatorTable } from '../ascend-data';
import type { ProfileModel } from '../profile';
import type { TraceModel } from '../trace-model';
import {
  collectives,
  deviceTotals,
  eventSteps,
  hostSteps,
  traceSteps,
  type Collective,
  type DeviceTotals,
  type TraceStep,
  type Unions,
} from './breakdown';
import { collectDeviceEvents, type DeviceEvents, type TraceFlavor } from './device-events';
import { traceOperators, type TraceOperators } from './operators';
import { traceKernelTable } from './trace-kernels';

export interface TraceAnalysis {
  flavor: TraceFlavor;
  device: DeviceEvents;
  /** Null when the trace has no device events. */
  totals: DeviceTotals | null;
  unions: Unions;
  steps: TraceStep[];
  /** Step of each device event (index into `steps`, -1 for none; see breakdown.ts eventSteps). */
  eventStep: Int32Array;
  collectives: Collective[];
  operators: TraceOperators;
  /** Null when the trace has no device events. */
  kernels: KernelTable | null;
}

const traceCache = new WeakMap<TraceModel, TraceAnalysis>();

export function analyzeTrace(trace: TraceModel): TraceAnalysis {
  let a = traceCache.get(trace);
  if (a) return a;
  const device = collectDeviceEvents(trace);
  const { totals, unions } = deviceTotals(device);
  const host = hostSteps(trace);
  const eventStep = eventSteps(host, device);
  const steps = traceSteps(trace, device, host, eventStep);
  a = {
    flavor: device.flavor,
    device,
    totals: device.length > 0 ? totals : null,
    unions,
    steps,
    eventStep,
    collectives: collectives(trace, device, unions),
    operators: traceOperators(trace, device),
    kernels: device.length > 0 ? traceKernelTable(trace, device, steps) : null,
  };
  traceCache.set(trace, a);
  return a;
}

/** Where a figure comes from: 'trace', 'db', or a side file's name. */
export type FigureSource = string;

export interface Sourced<T> {
  table: T;
  source: FigureSource;
}

export interface ProfileAnalysis {
  trace: TraceAnalysis | null;
  /** 'trace' or 'db' (the timeline was built from the profiler db). */
  traceSource: 'trace' | 'db';
  kernels: Sourced<KernelTable> | null;
  operators: Sourced<OperatorTable> | null;
}

const SIDE_FILE: Record<string, Record<string, string>> = {
  kernels: { csv: 'kernel_details.csv', db: 'db', trace: 'trace' },
  operators: { csv: 'operator_details.csv', db: 'db', trace: 'trace' },
};

const profileCache = new WeakMap<ProfileModel, { trace: TraceModel | null; a: ProfileAnalysis }>();

export function analyzeProfile(p: ProfileModel): ProfileAnalysis {
  const hit = profileCache.get(p);
  if (hit && hit.trace === p.trace) return hit.a;
  const trace = p.trace ? analyzeTrace(p.trace) : null;
  const traceSource: 'trace' | 'db' = /\.db$/i.test(p.traceSource ?? '') ? 'db' : 'trace';
  const side = <T extends { source: string }>(key: 'kernels' | 'operators', t: T | undefined) =>
    t ? { table: t, source: SIDE_FILE[key]![t.source] ?? t.source } : null;
  const kernels =
    side('kernels', p.ascend.kernels) ??
    (trace?.kernels ? { table: trace.kernels, source: traceSource } : null);
  const operators =
    side('operators', p.ascend.operators) ??
    (trace && trace.operators.length > 0
      ? { table: trace.operators.table, source: traceSource }
      : null);
  const a: ProfileAnalysis = { trace, traceSource, kernels, operators };
  profileCache.set(p, { trace: p.trace, a });
  return a;
}
