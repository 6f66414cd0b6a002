/**
 * Per-step time breakdown recomputed from the trace, comparable with step_trace_time.csv.
 *
 * torch_npu builds step_trace_time.csv from the `Overlap Analysis` process of the trace (threads
 * Computing / Communication / Communication(Not Overlapped) / Free): each slice's duration is
 * added to the first step whose range holds the slice's START (start ≤ ts < end), and
 *     Overlapped = Communication − Communication(Not Overlapped).
 * Stage, Bubble (hcom_receive time), Preparing and the "exclude receive" column need data this
 * module does not rebuild; they stay null (the CSV is their only source).
 *
 * Step ranges: by default from `ProfilerStep#N` slices on the `Python` process. torch_npu
 * itself uses a device-side range: from the first device task launched in the step to
 * max(last device task end, host step end). {@link deviceStepRanges} approximates that with the
 * trace's flows (host op → device task); the host range alone misses device work that runs
 * after the host step ended.
 *
 *     host   |==== ProfilerStep#50 ====|
 *     device      |-- kernels launched in the step ------------|
 *     range       [first device start,  max(host end, last device end))
 *
 * Times here are timeline ns (relative to trace.baseNs); output values are µs like the CSV.
 */
import type { StepRow } from '../ascend-data';
import type { SliceTable, TraceModel } from '../trace-model';

export interface StepRange {
  /** Step id as in the CSV ("50"), '' for the whole capture. */
  step: string;
  /** Half-open [startNs, endNs), ns since the trace start. */
  startNs: number;
  endNs: number;
}

export const OVERLAP_PROCESS = 'Overlap Analysis';
const LANES = {
  Computing: 'computing',
  Communication: 'communication',
  'Communication(Not Overlapped)': 'communicationNotOverlapped',
  Free: 'free',
} as const;
type LaneKey = (typeof LANES)[keyof typeof LANES];

/** Slice tables of a process's threads (main and overflow tracks) by thread name. */
function threadTables(trace: TraceModel, process: number): Map<string, SliceTable[]> {
  const out = new Map<string, SliceTable[]>();
  for (const ti of trace.processes[process]!.threads) {
    const th = trace.threads[ti]!;
    const tables = [th.track, th.overflowTrack]
      .filter((t) => t >= 0)
      .map((t) => trace.sliceTracks[t]!.slices);
    const name = th.name ?? '';
    out.set(name, [...(out.get(name) ?? []), ...tables]);
  }
  return out;
}

/** `ProfilerStep#N` slices on the Python process (any process when none is named Python). */
export function profilerStepRanges(trace: TraceModel): StepRange[] {
  const re = /^ProfilerStep#(\d+)$/;
  const scan = (procs: number[]): StepRange[] => {
    const out: StepRange[] = [];
    for (const p of procs) {
      for (const tables of threadTables(trace, p).values()) {
        for (const t of tables) {
          for (let i = 0; i < t.length; i++) {
            const m = re.exec(trace.strings[t.name[i]!] ?? '');
            if (m) out.push({ step: m[1]!, startNs: t.start[i]!, endNs: t.start[i]! + t.dur[i]! });
          }
        }
      }
    }
    return out.sort((a, b) => a.startNs - b.startNs);
  };
  const python = trace.processes.flatMap((p, i) => (p.name === 'Python' ? [i] : []));
  const found = scan(python);
  return found.length > 0 || python.length === trace.processes.length
    ? found
    : scan(trace.processes.map((_, i) => i));
}

/** Whether a process is a device process (labels start with NPU, as torch_npu checks). */
function isDeviceProcess(trace: TraceModel, p: number): boolean {
  return trace.processes[p]!.labels.some((l) => l.startsWith('NPU'));
}

/**
 * Device-side step ranges (see the file header): each host step is widened to the device tasks
 * its flows reach (flows from a CPU process to an NPU process whose start lies in the host step).
 */
export function deviceStepRanges(trace: TraceModel, host = profilerStepRanges(trace)): StepRange[] {
  const f = trace.flows;
  const dev = new Map<number, boolean>();
  const isDev = (track: number): boolean => {
    let v = dev.get(track);
    if (v === undefined) {
      const t = trace.sliceTracks[track];
      v = t !== undefined && isDeviceProcess(trace, t.process);
      dev.set(track, v);
    }
    return v;
  };
  return host.map((h) => {
    let first = Infinity;
    let firstEnd = -Infinity;
    let last = -Infinity;
    for (let i = 0; i < f.length; i++) {
      const from = f.fromTs[i]!;
      if (from < h.startNs || from > h.endNs) continue;
      if (isDev(f.fromTrack[i]!) || !isDev(f.toTrack[i]!)) continue;
      const s = trace.sliceTracks[f.toTrack[i]!]!.slices;
      const j = f.toSlice[i]!;
      const start = s.start[j]!;
      const end = start + s.dur[j]!;
      if (start < first || (start === first && end > firstEnd)) {
        first = start;
        firstEnd = end;
      }
      if (end > last) last = end;
    }
    if (first === Infinity) return { ...h };
    return { step: h.step, startNs: first, endNs: Math.max(last, h.endNs) };
  });
}

function deviceIdOf(labels: string[]): string | null {
  for (const l of labels) {
    const m = /^NPU\s+(\S+)$/.exec(l.trim());
    if (m) return m[1]!;
  }
  return null;
}

function emptyRow(step: string, deviceId: string | null): StepRow {
  return {
    step,
    deviceId,
    computing: 0,
    communicationNotOverlapped: 0,
    overlapped: 0,
    communication: 0,
    free: 0,
    stage: null,
    bubble: null,
    communicationNotOverlappedExcludeReceive: null,
    preparing: null,
  };
}

/**
 * Computing, Communication, Communication(Not Overlapped), Overlapped and Free per step (µs),
 * one row per step and Overlap Analysis process (device); a single whole-capture row (step '')
 * when there are no step ranges. Empty when the trace has no Overlap Analysis lanes.
 */
export function stepBreakdownFromTrace(
  trace: TraceModel,
  stepRanges: readonly StepRange[] = profilerStepRanges(trace),
): StepRow[] {
  const rows: StepRow[] = [];
  const overlap = trace.processes.flatMap((p, i) => (p.name === OVERLAP_PROCESS ? [i] : []));
  for (const p of overlap) {
    const deviceId = deviceIdOf(trace.processes[p]!.labels);
    const byThread = threadTables(trace, p);
    const ranges = stepRanges.length > 0 ? stepRanges : null;
    const sums = (ranges ?? [{ step: '' }]).map(() => ({
      computing: 0,
      communication: 0,
      communicationNotOverlapped: 0,
      free: 0,
    }));
    let any = false;
    for (const [threadName, key] of Object.entries(LANES) as [string, LaneKey][]) {
      for (const t of byThread.get(threadName) ?? []) {
        any ||= t.length > 0;
        for (let i = 0; i < t.length; i++) {
          const s = t.start[i]!;
          let k = 0;
          if (ranges) {
            k = ranges.findIndex((r) => r.startNs <= s && s < r.endNs);
            if (k < 0) continue;
          }
          sums[k]![key] += t.dur[i]!;
        }
      }
    }
    if (!any) continue;
    sums.forEach((sNs, k) => {
      const row = emptyRow(ranges ? ranges[k]!.step : '', deviceId);
      row.computing = sNs.computing / 1000;
      row.communication = sNs.communication / 1000;
      row.communicationNotOverlapped = sNs.communicationNotOverlapped / 1000;
      row.overlapped = (sNs.communication - sNs.communicationNotOverlapped) / 1000;
      row.free = sNs.free / 1000;
      rows.push(row);
    });
  }
  return rows;
}

export type StepField =
  'computing' | 'communicationNotOverlapped' | 'overlapped' | 'communication' | 'free';

export const COMPARED_FIELDS: readonly StepField[] = [
  'computing',
  'communicationNotOverlapped',
  'overlapped',
  'communication',
  'free',
];

export interface StepMismatch {
  step: string;
  deviceId: string | null;
  /** The differing value, or where the step is missing when it is on one side only. */
  field: StepField | 'missingInTrace' | 'missingInCsv';
  csv: number | null;
  trace: number | null;
  /** trace − csv, µs (NaN when a side is missing). */
  diffUs: number;
}

/**
 * Default tolerance, µs: 0.01 µs (10 ns) absolute plus 1e-9 relative. The CSV sums float µs
 * in Python, the trace side sums exact ns; with the same step ranges the two agree to well
 * under a ns, so anything beyond this is a real difference (usually a different step range).
 */
export const STEP_TOLERANCE = { absUs: 0.01, rel: 1e-9 };

/**
 * Lists the values of `fromTrace` that differ from `fromCsv` beyond the tolerance, and steps
 * present on one side only. Rows match by step id (and device id when both sides give one).
 * Only the fields the trace can rebuild are compared (see {@link COMPARED_FIELDS}).
 */
export function compareSteps(
  fromCsv: readonly StepRow[],
  fromTrace: readonly StepRow[],
  tolerance = STEP_TOLERANCE,
): StepMismatch[] {
  const out: StepMismatch[] = [];
  const dev = (d: string | null) => (d === null || d === '-1' ? null : d);
  const same = (a: StepRow, b: StepRow) =>
    a.step === b.step &&
    (dev(a.deviceId) === null || dev(b.deviceId) === null || dev(a.deviceId) === dev(b.deviceId));
  const used = new Set<StepRow>();
  for (const c of fromCsv) {
    const t = fromTrace.find((x) => !used.has(x) && same(c, x));
    if (!t) {
      out.push({
        step: c.step,
        deviceId: c.deviceId,
        field: 'missingInTrace',
        csv: null,
        trace: null,
        diffUs: NaN,
      });
      continue;
    }
    used.add(t);
    for (const f of COMPARED_FIELDS) {
      const a = c[f];
      const b = t[f];
      if (a === null || b === null) continue;
      const diff = b - a;
      if (Math.abs(diff) > tolerance.absUs + tolerance.rel * Math.abs(a)) {
        out.push({
          step: c.step,
          deviceId: c.deviceId ?? t.deviceId,
          field: f,
          csv: a,
          trace: b,
          diffUs: diff,
        });
      }
    }
  }
  for (const t of fromTrace) {
    if (!used.has(t)) {
      out.push({
        step: t.step,
        deviceId: t.deviceId,
        field: 'missingInCsv',
        csv: null,
        trace: null,
        diffUs: NaN,
      });
    }
  }
  return out;
}
