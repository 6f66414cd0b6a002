import { describe, expect, it } from 'vitest';
import { computeKernelStats } from '../ascend/kernel-stats';
import { makeKernels, makeOperators } from '../ascend/test-models';
import { kernelStatsForRows, operatorStatsForRows } from './kernel-groups';

const k = makeKernels([
  {
    name: 'MatMul',
    type: 'MatMulV2',
    core: 'AI_CORE',
    start: '1.000',
    durNs: 100,
    shapes: '"4,4"',
  },
  {
    name: 'MatMul',
    type: 'MatMulV2',
    core: 'AI_CORE',
    start: '2.000',
    durNs: 300,
    shapes: '"8,8"',
  },
  { name: 'Add', type: 'Add', core: 'AI_VECTOR_CORE', start: '3.000', durNs: 50 },
  { name: 'Add', type: 'Add', core: 'AI_VECTOR_CORE', start: '4.000', durNs: NaN },
  { name: 'allReduce', type: 'hcom', core: 'HCCL', start: '5.000', durNs: 1000 },
]);

describe('kernel groups over a subset', () => {
  it('equals computeKernelStats over every row', () => {
    const all = Uint32Array.from([0, 1, 2, 3, 4]);
    for (const by of ['name', 'type', 'core', 'shapes'] as const) {
      expect(kernelStatsForRows(k, by, all)).toEqual(computeKernelStats(k, by));
    }
    expect(kernelStatsForRows(k, 'name', null)).toEqual(computeKernelStats(k, 'name'));
  });

  it('counts only the given rows; shares are of their total', () => {
    const rows = kernelStatsForRows(k, 'name', [0, 1, 2, 3]);
    expect(rows.map((r) => [r.key, r.count, r.timed, r.totalNs])).toEqual([
      ['MatMul', 2, 2, 400],
      ['Add', 2, 1, 50],
    ]);
    expect(rows[0]!.share).toBeCloseTo(400 / 450);
    expect(rows[0]).toMatchObject({ minNs: 100, maxNs: 300, p50Ns: 100, p90Ns: 300, avgNs: 200 });
  });

  it('groups by type and input shapes', () => {
    const rows = kernelStatsForRows(k, 'shapes', [0, 1]);
    expect(rows.map((r) => r.parts)).toEqual([
      ['MatMulV2', '"8,8"'],
      ['MatMulV2', '"4,4"'],
    ]);
  });
});

describe('operator groups', () => {
  const ops = makeOperators([
    { name: 'aten::mm', deviceTotalNs: 300, hostTotalNs: 10 },
    { name: 'aten::add', deviceTotalNs: 100, hostTotalNs: 20 },
    { name: 'aten::mm', deviceTotalNs: 100, hostTotalNs: 10 },
  ]);
  it('sums per name, sorted by device self time, with shares', () => {
    const rows = operatorStatsForRows(ops, 'name', null);
    expect(rows.map((r) => [r.key, r.count, r.deviceSelfNs, r.hostTotalNs])).toEqual([
      ['aten::mm', 2, 400, 20],
      ['aten::add', 1, 100, 20],
    ]);
    expect(rows[0]!.share).toBeCloseTo(0.8);
    expect(rows[0]!.avgDeviceSelfNs).toBe(200);
    expect(operatorStatsForRows(ops, 'name', [1])).toHaveLength(1);
  });
});
