import { describe, expect, it } from 'vitest';
import type { CommMatrixRow } from '../ascend-data';
import { matrixTransports, mergeRankMatrices } from './comm-matrix';
import { reduceMatrixRows } from './rank-summary';

const link = (p: Partial<CommMatrixRow>): CommMatrixRow => ({
  step: '1',
  kind: 'collective',
  group: 'allreduce-total',
  groupHash: '111',
  src: 0,
  dst: 0,
  transport: 'HCCS',
  sizeMB: 1,
  timeMs: 1,
  bandwidthGBs: 1,
  op: 'hcom_allReduce__111_0_1',
  ...p,
});

describe('cross-rank communication matrix', () => {
  it('keeps the total of a group when the file has one (samples would count links twice)', () => {
    const rows = [
      link({ group: 'allreduce-top1', dst: 1 }),
      link({ group: 'allreduce-middle', dst: 1 }),
      link({ group: 'allreduce-total', dst: 1, sizeMB: 5 }),
      // Another group without a total: every op once, even when listed under two samples.
      link({ groupHash: '222', group: 'broadcast-top1', dst: 1, op: 'b_0' }),
      link({ groupHash: '222', group: 'broadcast-bottom1', dst: 1, op: 'b_0' }),
      link({ groupHash: '222', group: 'broadcast-bottom1', dst: 1, op: 'b_1' }),
    ];
    const out = reduceMatrixRows(rows);
    expect(out.filter((r) => r.groupHash === '111').map((r) => r.sizeMB)).toEqual([5]);
    expect(out.filter((r) => r.groupHash === '222').map((r) => r.op)).toEqual(['b_0', 'b_1']);
  });

  it('maps each file’s local ranks to global ranks through its own copy link', () => {
    // A group of global ranks 8 and 9: files say "0-0", "0-1" (rank 8) and "1-1", "1-0" (rank 9).
    const ranks = [
      {
        rank: 8,
        commMatrix: [
          link({ src: 0, dst: 0, transport: 'LOCAL' }),
          link({ src: 0, dst: 1, sizeMB: 4, timeMs: 2 }),
        ],
      },
      {
        rank: 9,
        commMatrix: [
          link({ src: 1, dst: 1, transport: 'LOCAL' }),
          link({ src: 1, dst: 0, sizeMB: 6, timeMs: 3 }),
          // A local rank no file claims: dropped.
          link({ src: 1, dst: 5 }),
        ],
      },
    ];
    const m = mergeRankMatrices(ranks);
    expect(m.remapped).toBe(true);
    expect(m.unmapped).toBe(1);
    const pairs = m.rows.map((r) => `${r.src}>${r.dst}:${r.transport}`).sort();
    expect(pairs).toEqual(['8>8:LOCAL', '8>9:HCCS', '9>8:HCCS', '9>9:LOCAL']);
  });

  it('sums a link reported by several files and recomputes its bandwidth', () => {
    const m = mergeRankMatrices([
      { rank: 0, commMatrix: [link({ src: 0, dst: 1, sizeMB: 4, timeMs: 2 })] },
      { rank: 1, commMatrix: [link({ src: 0, dst: 1, sizeMB: 2, timeMs: 2 })] },
    ]);
    expect(m.remapped).toBe(false);
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]).toMatchObject({ sizeMB: 6, timeMs: 4, bandwidthGBs: 1.5 });
  });

  it('lists transports by data moved', () => {
    expect(
      matrixTransports([
        link({ transport: 'LOCAL', sizeMB: 1 }),
        link({ transport: 'RDMA', sizeMB: 9 }),
        link({ transport: 'HCCS', sizeMB: 3 }),
      ]),
    ).toEqual(['RDMA', 'HCCS', 'LOCAL']);
  });
});
