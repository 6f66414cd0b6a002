import { describe, expect, it } from 'vitest';
import { bareProfile } from '../../generator/bare-profile';
import type { ProfileModel } from '../profile';
import { computeOperatorStats, overviewFigures, overviewFiguresCached } from './overview';
import { makeKernels, makeOperators, makeTrace } from './test-models';

function profile(over: Partial<ProfileModel>): ProfileModel {
  return bareProfile({ id: '', label: 'p', kind: 'ascend' }, over);
}

const kernels = makeKernels([
  { name: 'MatMul', core: 'AI_CORE', start: '1000.000', durNs: 2000 },
  { name: 'Add', core: 'AI_VECTOR_CORE', start: '1001.000', durNs: 3000 },
  { name: 'hcom', core: 'HCCL', start: '1003.500', durNs: 2500 },
  { name: 'Add', core: 'AI_VECTOR_CORE', start: '1010.000', durNs: 1000 },
]);

describe('overviewFigures', () => {
  it('falls back to kernel intervals without trace or steps', () => {
    const f = overviewFigures(profile({ ascend: { sources: {}, kernels } }));
    expect(f.span).toEqual({ startNs: '1000000', durationNs: 11000, source: 'kernels' });
    // compute [0,4000) ∪ [10000,11000); comm [3500,6000)
    expect(f.device).toEqual({
      source: 'kernels',
      busyUs: 7,
      freeUs: 4,
      computingUs: 5,
      communicationUs: 2.5,
      overlappedUs: 0.5,
      communicationNotOverlappedUs: 2,
    });
    expect(f.topKernels.map((r) => [r.key, r.totalNs])).toEqual([
      ['Add', 4000],
      ['hcom', 2500],
      ['MatMul', 2000],
    ]);
    expect(f.cores).toEqual([
      { core: 'AI_VECTOR_CORE', count: 2, totalNs: 4000 },
      { core: 'HCCL', count: 1, totalNs: 2500 },
      { core: 'AI_CORE', count: 1, totalNs: 2000 },
    ]);
    expect(f.topOperators).toEqual([]);
  });

  it('prefers step rows, then the trace Overlap Analysis lanes', () => {
    const step = {
      step: '1',
      deviceId: null,
      computing: 10,
      communicationNotOverlapped: 5,
      overlapped: 1,
      communication: 6,
      free: 2,
      stage: null,
      bubble: null,
      communicationNotOverlappedExcludeReceive: null,
      preparing: null,
    };
    const fromSteps = overviewFigures(
      profile({ ascend: { sources: {}, kernels, steps: [step, step] } }),
    );
    expect(fromSteps.device).toMatchObject({
      source: 'steps',
      busyUs: 30,
      freeUs: 4,
      overlappedUs: 2,
    });
    const trace = makeTrace(
      [
        {
          name: 'Overlap Analysis',
          threads: [
            { name: 'Computing', slices: [['Computing', 0, 3000]] },
            { name: 'Free', slices: [['Free', 3000, 1000]] },
          ],
        },
      ],
      { baseNs: '5000' },
    );
    const fromTrace = overviewFigures(profile({ trace, ascend: { sources: {}, steps: [step] } }));
    expect(fromTrace.device).toMatchObject({ source: 'trace', busyUs: 3, freeUs: 1 });
    expect(fromTrace.span).toEqual({ startNs: '5000', durationNs: 4000, source: 'trace' });
  });

  it('ranks operators by device total time and memoizes per profile', () => {
    const operators = makeOperators([
      { name: 'aten::add', deviceTotalNs: 5 },
      { name: 'aten::mm', deviceTotalNs: 7 },
      { name: 'aten::add', deviceTotalNs: 5 },
      { name: 'aten::empty', deviceTotalNs: 0, hostTotalNs: 3 },
    ]);
    expect(computeOperatorStats(operators).map((r) => [r.name, r.count, r.deviceTotalNs])).toEqual([
      ['aten::add', 2, 10],
      ['aten::mm', 1, 7],
      ['aten::empty', 1, 0],
    ]);
    const p = profile({ ascend: { sources: {}, operators } });
    expect(overviewFiguresCached(p)).toBe(overviewFiguresCached(p));
    expect(overviewFigures(p).span).toBeNull();
  });
});
