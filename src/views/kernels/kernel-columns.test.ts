import { describe, expect, it } from 'vitest';
import { makeKernels } from '../../model/ascend/test-models';
import { isFilterable } from '../../tables/column';
import { filterMask, sortKeys, sortOrder } from '../../tables/query';
import { formatOffsetNs, kernelColumns, kernelDefaultVisible } from './kernel-columns';

const k = makeKernels([
  { name: 'MatMul', type: 'MatMulV2', core: 'AI_CORE', start: '1736412474730135.223', durNs: 10 },
  { name: 'Add', type: 'Add', core: 'AI_VECTOR_CORE', start: '1736412474730135.222', durNs: 300 },
  { name: 'N', type: 'N', core: 'HCCL', start: 'N/A', durNs: NaN },
]);
k.text = {
  path: 'kernel_details.csv',
  header: [
    'Op Name',
    'OP Type',
    'Task Type',
    'Start Time(us)',
    'Duration(us)',
    'Block Dim',
    'aic_mac_ratio',
  ],
  rows: [
    ['MatMul', 'MatMulV2', 'AI_CORE', '1736412474730135.223', '0.010', '8', '0.5'],
    ['Add', 'Add', 'AI_VECTOR_CORE', '1736412474730135.222', '0.300', '16', 'N/A'],
    ['N', 'N', 'HCCL', 'N/A', 'N/A', 'N/A', 'N/A'],
  ],
};

describe('kernel columns', () => {
  const cols = kernelColumns(k, '1736412474607917240');
  const byId = new Map(cols.map((c) => [c.id, c]));

  it('gives typed columns canonical ids whatever the header spelling', () => {
    expect(cols.map((c) => c.id)).toEqual([
      'Name',
      'Type',
      'Accelerator Core',
      'Start on timeline',
      'Start Time(us)',
      'Duration(us)',
      'Block Dim',
      'aic_mac_ratio',
    ]);
    expect(byId.get('Name')!.label).toBe('Op Name');
    expect(byId.get('Name')!.dict).toBeDefined();
  });

  it('sorts starts exactly (one ns apart) and durations by value, missing last', () => {
    const start = byId.get('Start Time(us)')!;
    expect([...sortOrder(sortKeys(start, 3), 'asc')]).toEqual([1, 0, 2]);
    expect([...sortOrder(sortKeys(byId.get('Duration(us)')!, 3), 'desc')]).toEqual([1, 0, 2]);
    expect(byId.get('Block Dim')!.value!(1)).toBe(16);
    expect(byId.get('Start on timeline')!.text(0)).toBe(formatOffsetNs(122217983));
    expect(formatOffsetNs(122217983)).toBe('122.217983 ms');
  });

  it('filters names, types, cores and shapes by default; shows the main columns', () => {
    expect(cols.filter(isFilterable).map((c) => c.id)).toEqual([
      'Name',
      'Type',
      'Accelerator Core',
    ]);
    expect([...filterMask(cols, 3, { text: 'vector' })!]).toEqual([0, 1, 0]);
    expect(cols.filter(kernelDefaultVisible).map((c) => c.id)).not.toContain('aic_mac_ratio');
  });
});
