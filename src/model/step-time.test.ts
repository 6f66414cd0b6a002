import { describe, expect, it } from 'vitest';
import type { StepRow } from './ascend-data';
import { rankSteps } from './cluster/rank-summary';
import { stepTimeUs } from './step-time';

// Issue 13 defect 5: one step read 154.5 ms in the Steps chart and 136.6 ms in Cluster (Stage).
// One definition, one number: the cluster's step time is the Steps view's.
const row = (over: Partial<StepRow>): StepRow => ({
  step: '7',
  deviceId: '0',
  computing: 80_000,
  communicationNotOverlapped: 30_000,
  overlapped: 5_000,
  communication: 35_000,
  free: 20_000,
  // A pipeline-parallel step: Stage excludes the receive time (Bubble), so it differs.
  stage: 115_000,
  bubble: 15_000,
  communicationNotOverlappedExcludeReceive: 15_000,
  preparing: 17_000,
  ...over,
});

describe('step time: one definition everywhere', () => {
  it('is Computing + Communication(Not Overlapped) + Free, never Stage or Preparing', () => {
    expect(stepTimeUs(row({}))).toBe(130_000);
  });

  it('the cluster analysis reports the same step time as the Steps view, Bubble or not', () => {
    const rows = [row({}), row({ step: '8', bubble: 0, stage: 130_000 })];
    expect(rankSteps(rows).map((s) => s.stepTimeUs)).toEqual(rows.map(stepTimeUs));
  });

  it('is unknown when a part is missing; the cluster then falls back to Stage', () => {
    const r = row({ free: null });
    expect(stepTimeUs(r)).toBeNull();
    expect(rankSteps([r])[0]!.stepTimeUs).toBe(115_000);
  });
});
