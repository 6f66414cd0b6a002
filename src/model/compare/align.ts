/**
 * Where the baseline and the target sit on one shared timeline axis (the Compare view's
 * timelines): each trace is rebased to its own anchor, the first host step (`ProfilerStep#N`,
 * the Steps view's) or its trace start, and both anchors land on the same axis time. Offsets
 * are whole ns ≥ 0 (a trace's ns 0 sits at its offset), so the later anchor decides the axis.
 */
import { profilerStepRanges } from '../ascend/step-breakdown';
import type { TraceModel } from '../trace-model';

/** `step`: the first `ProfilerStep#N` of each side; `start`: each trace's first event. */
export type CompareAlign = 'step' | 'start';

export interface CompareSidePlacement {
  /** Where this trace's ns 0 sits on the shared axis, ns. */
  offsetNs: number;
  /** The anchor on the trace's own axis (ns since its start). */
  anchorNs: number;
  /** What the anchor is: the first step's id, or null for the trace start (also the fallback). */
  anchorStep: string | null;
}

export interface ComparePlacement {
  baseline: CompareSidePlacement;
  target: CompareSidePlacement;
  /** The shared axis's extent: 0 … the later end of the two placed traces. */
  endNs: number;
  /** Step alignment asked for but a side has no `ProfilerStep#N`: that side uses its start. */
  fellBack: boolean;
}

function anchorOf(trace: TraceModel, align: CompareAlign): { at: number; step: string | null } {
  if (align === 'step') {
    const first = profilerStepRanges(trace)[0];
    if (first) return { at: first.startNs, step: first.step };
  }
  return { at: 0, step: null };
}

export function comparePlacement(
  baseline: TraceModel,
  target: TraceModel,
  align: CompareAlign,
): ComparePlacement {
  const b = anchorOf(baseline, align);
  const t = anchorOf(target, align);
  const axis = Math.max(b.at, t.at);
  const place = (a: { at: number; step: string | null }): CompareSidePlacement => ({
    offsetNs: axis - a.at,
    anchorNs: a.at,
    anchorStep: a.step,
  });
  const bp = place(b);
  const tp = place(t);
  return {
    baseline: bp,
    target: tp,
    endNs: Math.max(1, bp.offsetNs + baseline.endNs, tp.offsetNs + target.endNs),
    fellBack: align === 'step' && (b.step === null || t.step === null),
  };
}
