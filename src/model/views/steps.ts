/**
 * The Steps view's data: one row per step (step_trace_time / analysis.db, else recomputed from
 * the trace's Overlap Analysis lanes), the recomputed rows and where they differ from the file,
 * each step's range on the timeline, and the stacked-bar segments of the chart.
 *
 * Segments partition a step's device time; Overlapped is the part of Computing that ran while
 * communication was in flight, so Computing and Communication each appear once:
 *
 *   | Preparing | Computing − Overlapped | Overlapped | Communication(Not Overlapped) | Free |
 *                └──────── Computing ───────────────┘
 *                                        └──────────── Communication ───────────────┘
 */
import type { StepRow } from '../ascend-data';
import {
  compareSteps,
  deviceStepRanges,
  profilerStepRanges,
  stepBreakdownFromTrace,
  type StepMismatch,
  type StepRange,
} from '../ascend/step-breakdown';
import { analyzeProfile } from '../analysis/analyze';
import { traceStepRow } from '../analysis/step-rows';
import type { ProfileModel } from '../profile';

export type StepSegmentKey =
  'preparing' | 'computeOnly' | 'overlapped' | 'communicationNotOverlapped' | 'free';

export const STEP_SEGMENTS: readonly { key: StepSegmentKey; label: string; title: string }[] = [
  {
    key: 'preparing',
    label: 'Preparing',
    title: 'From the step start to the first device task (host-side preparation)',
  },
  {
    key: 'computeOnly',
    label: 'Computing only',
    title: 'Computing not overlapped by communication',
  },
  { key: 'overlapped', label: 'Overlapped', title: 'Computing while communication runs' },
  {
    key: 'communicationNotOverlapped',
    label: 'Communication (not overlapped)',
    title: 'Communication the device waits on (not hidden by computing)',
  },
  { key: 'free', label: 'Free', title: 'Device idle: no computing and no communication' },
];

export interface StepBar {
  /** Step id ('' = whole capture). */
  step: string;
  deviceId: string | null;
  label: string;
  /** Segments in STEP_SEGMENTS order: start offset and length, µs. */
  segments: { key: StepSegmentKey; start: number; value: number }[];
  /** Sum of the segments (the bar's length, Preparing included), µs. */
  total: number;
  /**
   * The step time, µs: Computing + Communication(Not Overlapped) + Free (see
   * {@link STEP_TIME_DEFINITION}); Preparing is not part of it.
   */
  stepTime: number;
}

/**
 * What "step time" means everywhere in the app (analysis-definitions.md §2.3): the device's step,
 * split into disjoint Computing, exposed communication and Free. The host `ProfilerStep#N`
 * duration is the "host step (wall)", a different figure.
 */
export const STEP_TIME_DEFINITION =
  'Step time = Computing + Communication (not overlapped) + Free on the device (msprof-analyze’s step duration); Preparing (host step start → first device task) is not part of it';

export const HOST_STEP_DEFINITION =
  'Host step (wall) = the ProfilerStep#N slice on the host thread';

const v = (x: number | null) => (x === null || !Number.isFinite(x) ? 0 : Math.max(0, x));

export function stepLabel(step: string, deviceId: string | null): string {
  const s = step === '' ? 'Whole capture' : `Step ${step}`;
  return deviceId !== null && deviceId !== '' && deviceId !== '-1' ? `${s} · NPU ${deviceId}` : s;
}

/** Stacked-bar data, one bar per row, in row order. */
export function stepBars(rows: readonly StepRow[]): StepBar[] {
  return rows.map((r) => {
    const parts: Record<StepSegmentKey, number> = {
      preparing: v(r.preparing),
      computeOnly: Math.max(0, v(r.computing) - v(r.overlapped)),
      overlapped: v(r.overlapped),
      communicationNotOverlapped: v(r.communicationNotOverlapped),
      free: v(r.free),
    };
    let at = 0;
    const segments = STEP_SEGMENTS.map(({ key }) => {
      const s = { key, start: at, value: parts[key] };
      at += parts[key];
      return s;
    });
    return {
      step: r.step,
      deviceId: r.deviceId,
      label: stepLabel(r.step, r.deviceId),
      segments,
      total: at,
      stepTime: at - parts.preparing,
    };
  });
}

export type StepRangeMode = 'host' | 'device';

export interface StepsData {
  /** Rows shown: the file's when present, else recomputed from the trace. */
  rows: StepRow[];
  /**
   * Where `rows` came from: the file (step_trace_time / analysis.db), the trace's Overlap
   * Analysis lanes, or the trace's device events per ProfilerStep (kernels launched in the step).
   */
  rowsFrom: 'file' | 'trace' | 'kernels' | null;
  /** Host step (wall) per step id, ns (ProfilerStep#N duration). */
  hostWallNs: Map<string, number>;
  /** Recomputed from Overlap Analysis (null when the trace has none). */
  fromTrace: StepRow[] | null;
  /** Differences between the file and the recomputation (empty when they agree). */
  mismatches: StepMismatch[];
  /** Step id → range on the timeline (ns since the trace start); '' = whole capture. */
  ranges: Map<string, StepRange>;
}

/** Steps rows, recomputation, mismatches and ranges of a profile. */
export function stepsData(p: ProfileModel, mode: StepRangeMode): StepsData {
  const trace = p.trace;
  const host = trace ? profilerStepRanges(trace) : [];
  const ranges = trace && mode === 'device' ? deviceStepRanges(trace, host) : host;
  const byStep = new Map<string, StepRange>();
  for (const r of ranges) if (!byStep.has(r.step)) byStep.set(r.step, r);
  if (trace) byStep.set('', { step: '', startNs: 0, endNs: trace.endNs });
  let fromTrace: StepRow[] | null = trace ? stepBreakdownFromTrace(trace, ranges) : null;
  if (fromTrace && fromTrace.length === 0) fromTrace = null;
  const file = p.ascend.steps && p.ascend.steps.length > 0 ? p.ascend.steps : null;
  // A file without steps (SGLang, no prof.step()) is compared with the whole-capture row.
  const comparable =
    fromTrace && file && file.every((r) => r.step === '') && ranges.length > 0 && trace
      ? stepBreakdownFromTrace(trace, [])
      : fromTrace;
  const hostWallNs = new Map(host.map((h) => [h.step, h.endNs - h.startNs] as const));
  if (!file && !fromTrace) {
    const steps = p.trace ? (analyzeProfile(p).trace?.steps ?? []) : [];
    if (steps.length > 0 && steps.some((s) => s.events > 0)) {
      for (const s of steps) {
        byStep.set(s.id, {
          step: s.id,
          startNs: mode === 'device' ? s.spanStartNs : s.hostStartNs,
          endNs: mode === 'device' ? s.spanEndNs : s.hostEndNs,
        });
      }
      return {
        rows: steps.map(traceStepRow),
        rowsFrom: 'kernels',
        fromTrace: null,
        mismatches: [],
        ranges: byStep,
        hostWallNs,
      };
    }
  }
  return {
    rows: file ?? fromTrace ?? [],
    rowsFrom: file ? 'file' : fromTrace ? 'trace' : null,
    fromTrace: comparable,
    mismatches: file && comparable ? compareSteps(file, comparable) : [],
    ranges: byStep,
    hostWallNs,
  };
}
