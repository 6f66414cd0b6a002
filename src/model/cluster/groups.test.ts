import { describe, expect, it } from 'vitest';
import type { ClusterOutput } from './cluster-output';
import { emptyClusterOutput } from './cluster-output';
import { clusterGroups, formatRankSet, groupLabel, groupOfHash, peerGroupOf } from './groups';
import type { RankSummary } from './rank-summary';

const summary = (rank: number, groups: RankSummary['groups'], hashes: string[] = []) =>
  ({
    rank,
    profileId: `p${rank}`,
    path: `p${rank}`,
    host: null,
    steps: [],
    collectives: hashes.map((h, i) => ({
      group: h,
      op: `op${i}`,
      seq: 0,
      startNs: 0n,
      endNs: 1n,
      waitNs: null,
      source: 'communication.json' as const,
    })),
    groups,
  }) satisfies RankSummary;

describe('cluster groups', () => {
  // 4 ranks: tp pairs {0,1} {2,3}, dp pairs {0,2} {1,3}; every rank lists its own groups.
  const tp = (a: number) => ({
    id: `tp${a}`,
    name: 'tp',
    groupRank: null,
    globalRanks: [a, a + 1],
  });
  const dp = (a: number) => ({
    id: `dp${a}`,
    name: 'dp',
    groupRank: null,
    globalRanks: [a, a + 2],
  });
  const all = { id: 'all', name: 'default_group', groupRank: null, globalRanks: [0, 1, 2, 3] };
  const ranks = [
    summary(0, [tp(0), dp(0), all], ['71']),
    summary(1, [tp(0), dp(1), all], ['71']),
    summary(2, [tp(2), dp(0), all], ['72', '99']),
    summary(3, [tp(2), dp(1), all], ['72', '99']),
  ];

  it('merges every rank’s parallel groups and ties communication hashes to them', () => {
    const groups = clusterGroups(ranks);
    expect(groups.map((g) => `${g.name}:${g.ranks.join(',')}`)).toEqual([
      'tp:0,1',
      'tp:2,3',
      'dp:0,2',
      'dp:1,3',
      'default_group:0,1,2,3',
    ]);
    expect(groupOfHash('71', groups)?.key).toBe('tp0');
    // Hashes seen on exactly the ranks of a group belong to it (two ops of one group here).
    expect(groupOfHash('72', groups)?.key).toBe('tp2');
    expect(groupOfHash('99', groups)?.key).toBe('tp2');
    expect(groupOfHash('12345', groups)).toBeNull();
  });

  it('picks a rank’s smallest named group as its peers (never the default group first)', () => {
    const groups = clusterGroups(ranks);
    expect(peerGroupOf(3, groups)?.key).toBe('tp2');
    expect(peerGroupOf(7, groups)).toBeNull();
  });

  it('takes names and hashes from communication_group.json', () => {
    const out: ClusterOutput = {
      ...emptyClusterOutput(),
      groups: [{ type: 'collective', ranks: [0, 2], hash: '555', name: 'dp', id: 'dp0' }],
    };
    const groups = clusterGroups(ranks, out);
    expect(groupOfHash('555', groups)?.key).toBe('dp0');
  });

  it('formats rank sets compactly', () => {
    expect(formatRankSet([3, 0, 1, 2, 8, 10, 11])).toBe('0–3, 8, 10, 11');
    expect(formatRankSet([5])).toBe('5');
    expect(groupLabel({ key: 'k', name: 'tp', ranks: [0, 1, 2, 3], hashes: [] })).toBe(
      'tp · ranks 0–3',
    );
  });
});
