import { describe, expect, it } from 'vitest';
import { computeKernelStats, kernelStatsCached, percentileSorted } from './kernel-stats';
import { makeKernels } from './test-models';

const k = makeKernels([
  {
    name: 'MatMul_1',
    type: 'MatMulV2',
    core: 'AI_CORE',
    start: '100.000',
    durNs: 10,
    shapes: '4,4;4,4',
  },
  {
    name: 'MatMul_1',
    type: 'MatMulV2',
    core: 'AI_CORE',
    start: '200.000',
    durNs: 30,
    shapes: '4,4;4,4',
  },
  {
    name: 'MatMul_2',
    type: 'MatMulV2',
    core: 'AI_CORE',
    start: '300.000',
    durNs: 20,
    shapes: '8,8;8,8',
  },
  { name: 'Add', type: 'Add', core: 'AI_VECTOR_CORE', start: '400.000', durNs: 40 },
  { name: 'hcom', type: 'hcom_allReduce_', core: 'HCCL', start: '500.000', durNs: 100 },
  { name: 'broken', type: 'Add', core: 'AI_VECTOR_CORE', start: '600.000', durNs: NaN },
]);

describe('computeKernelStats', () => {
  it('groups by name with count, total, avg, min, max, percentiles and share of kernel time', () => {
    const rows = computeKernelStats(k, 'name');
    // Ties on total time sort by key.
    expect(rows.map((r) => r.key)).toEqual(['hcom', 'Add', 'MatMul_1', 'MatMul_2', 'broken']);
    const mm = rows.find((r) => r.key === 'MatMul_1')!;
    expect(mm).toMatchObject({ count: 2, timed: 2, totalNs: 40, avgNs: 20, minNs: 10, maxNs: 30 });
    expect(mm.p50Ns).toBe(10);
    expect(mm.p90Ns).toBe(30);
    expect(mm.share).toBeCloseTo(40 / 200);
    const sum = rows.reduce((a, r) => a + r.share, 0);
    expect(sum).toBeCloseTo(1);
    const broken = rows.find((r) => r.key === 'broken')!;
    expect(broken).toMatchObject({ count: 1, timed: 0, totalNs: 0 });
    expect(broken.avgNs).toBeNaN();
  });

  it('groups by type, core and (type, shapes)', () => {
    expect(computeKernelStats(k, 'type').map((r) => [r.key, r.count])).toEqual([
      ['hcom_allReduce_', 1],
      ['MatMulV2', 3],
      ['Add', 2],
    ]);
    expect(computeKernelStats(k, 'core').map((r) => [r.key, r.totalNs])).toEqual([
      ['HCCL', 100],
      ['AI_CORE', 60],
      ['AI_VECTOR_CORE', 40],
    ]);
    const shapes = computeKernelStats(k, 'shapes');
    expect(shapes.find((r) => r.parts[1] === '4,4;4,4')).toMatchObject({
      parts: ['MatMulV2', '4,4;4,4'],
      count: 2,
    });
  });

  it('nearest-rank percentiles', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(percentileSorted(a, 0.5)).toBe(5);
    expect(percentileSorted(a, 0.9)).toBe(9);
    expect(percentileSorted(a, 1)).toBe(10);
    expect(percentileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('memoizes per table', () => {
    expect(kernelStatsCached(k, 'core')).toBe(kernelStatsCached(k, 'core'));
  });
});
