/**
 * The Steps view's chart: the stacked-bar segments of each step row (the rows, recomputation,
 * mismatches and ranges are in analysis/steps-data.ts, shared with the advisor).
 *
 * Segments partition a step's device time; Overlapped is the part of Computing that ran while
 * communication was in flight, so Computing and Communication each appear once:
 *
 *   | Preparing | Computing − Overlapped | Overlapped | Communication(Not Overlapped) | Free |
 *                └──────── Computing ───────────────┘
 *                                        └──────────── Communication ───────────────┘
 */
import type { StepRow } from '../ascend-data';

export type StepSegmentKey =
  'preparing' | 'computeOnly' | 'overlapped' | 'communicationNotOverlapped' | 'free';

export const STEP_SEGMENTS: readonly { key: StepSegmentKey; label: string; title: string }[] = [
  {
    key: 'preparing',
    label: 'Preparing',
    title:
      'From the step start to the first Computing or Communication task (host-side preparation; step_trace_time’s Preparing)',
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
   * analysis-definitions.md §2.3 and views/steps/step-text.ts); Preparing is not part of it.
   */
  stepTime: number;
}

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

export { stepsData, type StepsData } from '../analysis/steps-data';
