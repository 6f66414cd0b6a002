import { describe, expect, it } from 'vitest';
import type { CommMatrixRow } from '../ascend-data';
import { heatmapData, matrixGroups, matrixSteps, transportSummary } from './comm-heatmap';

const link = (o: Partial<CommMatrixRow>): CommMatrixRow => ({
  step: '50',
  kind: 'collective',
  group: 'allreduce-top1',
  groupHash: 'h',
  src: 0,
  dst: 1,
  transport: 'HCCS',
  sizeMB: 10,
  timeMs: 1,
  bandwidthGBs: 10,
  op: 'hcom_allReduce__1',
  ...o,
});

const rows = [
  link({}),
  link({ src: 1, dst: 0, sizeMB: 20, timeMs: 2, bandwidthGBs: 10 }),
  link({ src: 0, dst: 0, transport: 'LOCAL', sizeMB: 4, timeMs: 0.01, bandwidthGBs: 400 }),
  link({ group: 'allreduce-middle', sizeMB: 30, timeMs: 1, bandwidthGBs: 30 }),
  link({ step: '51', kind: 'p2p', group: 'send', src: 0, dst: 8, transport: 'RDMA' }),
];

describe('communication heatmap data', () => {
  it('lists steps and groups', () => {
    expect(matrixSteps(rows)).toEqual(['50', '51']);
    expect(matrixGroups(rows, '50')).toEqual([
      { key: 'collective|allreduce-top1', label: 'allreduce-top1', links: 3 },
      { key: 'collective|allreduce-middle', label: 'allreduce-middle', links: 1 },
    ]);
    expect(matrixGroups(rows, null).map((g) => g.label)).toContain('send (p2p)');
  });

  it('gives one cell per rank pair of the group with the chosen metric', () => {
    const d = heatmapData(rows, '50', 'collective|allreduce-top1', 'bandwidth');
    expect(d.ranks).toEqual([0, 1]);
    expect(d.cells.map((c) => [c.src, c.dst, c.value])).toEqual([
      [0, 0, 400],
      [0, 1, 10],
      [1, 0, 10],
    ]);
    // The colour scale covers links between ranks; the local copy (0 → 0) is off the scale.
    expect([d.min, d.max]).toEqual([10, 10]);
    const local = heatmapData([rows[2]!], '50', '', 'bandwidth');
    expect([local.min, local.max]).toEqual([400, 400]);
    expect(heatmapData(rows, '50', 'collective|allreduce-top1', 'time').cells[2]!.value).toBe(2);
  });

  it('aggregates several links of a pair: sizes and times add, bandwidth = size / time', () => {
    const d = heatmapData(rows, '50', '', 'bandwidth');
    const c01 = d.cells.find((c) => c.src === 0 && c.dst === 1)!;
    expect(c01).toMatchObject({ links: 2, sizeMB: 40, timeMs: 2, bandwidthGBs: 20, value: 20 });
    expect(heatmapData(rows, null, '', 'size').ranks).toEqual([0, 1, 8]);
  });

  it('is empty for an unknown group', () => {
    const d = heatmapData(rows, '50', 'nope', 'size');
    expect(d).toMatchObject({ ranks: [], cells: [] });
    expect(d.max).toBeNaN();
  });
});

describe('transport summary', () => {
  it('sums links per transport, bandwidth = size / time', () => {
    expect(transportSummary(rows, '50', '')).toEqual([
      { transport: 'HCCS', links: 3, sizeMB: 60, timeMs: 4, bandwidthGBs: 15 },
      { transport: 'LOCAL', links: 1, sizeMB: 4, timeMs: 0.01, bandwidthGBs: 400 },
    ]);
  });
});
