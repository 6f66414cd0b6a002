import type { StepWindow } from './advisor-inputs';

/** The step whose window holds `ts` (ns), or '' (outside every step, or NaN). */
export function stepOf(steps: readonly StepWindow[], ts: number): string {
  if (Number.isNaN(ts)) return '';
  for (const s of steps) if (s.startNs <= ts && ts < s.endNs) return s.step;
  return '';
}
