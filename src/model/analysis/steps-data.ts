/**
 * The Steps view's rows, shared with the advisor and the compare view (one definition per
 * figure): step_trace_time / analysis.db when present, else recomputed from the trace's Overlap
 * Analysis lanes, else the trace's device events per ProfilerStep (analysis/breakdown.ts); the
 * recomputed rows and where they differ from the file, and each step's range on the timeline.
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
import type { ProfileModel } from '../profile';
import { analyzeProfile } from './analyze';
import { traceStepRow } from './step-rows';

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
  // The first slice per id is the host's (Kineto repeats each step later on the GPU).
  const hostWallNs = new Map<string, number>();
  for (const h of host) if (!hostWallNs.has(h.step)) hostWallNs.set(h.step, h.endNs - h.startNs);
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
