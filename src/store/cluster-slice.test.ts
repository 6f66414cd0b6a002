// The cluster slice on the checked-in 8-rank fixture (host node1's clock is 1,734,567 ns ahead;
// rank 5 is slow): overview, two ranks opened, their placement on the shared axis, the
// highlighted collective, manual offsets and the fallbacks.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInputs } from '../import/open-inputs';
import { createWorkerSession } from '../import/worker-handlers';
import type { RankSummary } from '../model/cluster/rank-summary';
import type { ProfileModel } from '../model/profile';
import { listInputFiles } from '../node/node-files';
import { createAppStore } from './app-store';
import {
  selectClusterModel,
  selectHighlightedSlices,
  selectTimelineGroups,
} from './cluster-selectors';

const DIR = resolve(process.cwd(), 'fixtures/cluster-8');
const truth = JSON.parse(readFileSync(resolve(DIR, 'truth.json'), 'utf8')) as {
  slowRank: number;
  perRank: { rank: number; offsetNs: number }[];
};
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('cluster slice', async () => {
  const session = createWorkerSession();
  session.opened = await openInputs(await listInputFiles(resolve(DIR, 'run_20250101')));
  const overview = await session.handlers['cluster:overview'](undefined, ctx());
  const idOf = (rank: number) => overview.find((r) => r.rank === rank)!.profileId;
  const load = async (rank: number) =>
    await session.handlers['import']({ profileId: idOf(rank) }, ctx());
  const p5 = await load(5);
  const p0 = await load(0);
  const skew = truth.perRank.find((r) => r.rank === 5)!.offsetNs;

  const fresh = () => {
    const store = createAppStore();
    store.getState().addProfile(p0, true);
    store.getState().setClusterData(overview, null);
    return store;
  };

  it('builds the model once per input and finds the slow rank', () => {
    const store = fresh();
    const m = selectClusterModel(store.getState())!;
    expect(m.ranks).toHaveLength(8);
    expect(m.findings.slowestRank).toBe(truth.slowRank);
    expect(selectClusterModel(store.getState())).toBe(m);
    store.getState().setClusterView({ clusterMetric: 'computingUs' });
    expect(selectClusterModel(store.getState())).toBe(m);
  });

  it('falls back to the active profile alone while no rank is open', () => {
    const store = fresh();
    const groups = selectTimelineGroups(store.getState());
    expect(groups.map((g) => [g.profileId, g.offsetNs])).toEqual([[p0.descriptor.id, 0]]);
    expect(selectTimelineGroups(store.getState())).toBe(groups);
    expect(selectHighlightedSlices(store.getState())).toEqual([]);
  });

  it('places open ranks on one axis with exact offsets, and highlights a collective on each', () => {
    const store = fresh();
    store.getState().addProfile(p5, false);
    store.getState().setClusterOpenRanks([p5.descriptor.id, p0.descriptor.id]);
    const s = store.getState();
    expect(s.clusterTimeline.map((t) => [t.rank, t.clockOffsetNs])).toEqual([
      [5, String(skew)],
      [0, '0'],
    ]);
    const groups = selectTimelineGroups(s);
    expect(groups.map((g) => g.profileId)).toEqual([p5.descriptor.id, p0.descriptor.id]);
    // Axis offsets: each trace's base minus its clock offset, from the earliest.
    const aligned = (p: ProfileModel, off: number) => BigInt(p.trace!.baseNs) - BigInt(off);
    const origin = [aligned(p5, skew), aligned(p0, 0)].reduce((a, b) => (a < b ? a : b));
    expect(groups[0]!.offsetNs).toBe(Number(aligned(p5, skew) - origin));
    expect(groups[1]!.offsetNs).toBe(Number(aligned(p0, 0) - origin));
    expect(s.extent.end).toBeGreaterThanOrEqual(
      Math.max(...groups.map((g) => g.offsetNs + g.trace.endNs)),
    );

    const m = selectClusterModel(s)!;
    const c = m.collectives.find((x) => x.lastRank === 5)!;
    store.getState().setClusterCollective({ op: c.op, seq: c.seq });
    const hl = selectHighlightedSlices(store.getState());
    expect(hl.map((h) => h.profileId)).toEqual([p5.descriptor.id, p0.descriptor.id]);
    // The same collective ends at the same axis time on both ranks, to the ns.
    const ends = hl.map((h) => {
      const g = groups.find((x) => x.profileId === h.profileId)!;
      const sl = g.trace.sliceTracks[h.track]!.slices;
      expect(g.trace.strings[sl.name[h.index]!]).toBe(c.op);
      return g.offsetNs + sl.start[h.index]! + sl.dur[h.index]!;
    });
    expect(ends[0]).toBe(ends[1]);
  });

  it('applies manual offsets and keeps the view on the same aligned times', () => {
    const store = fresh();
    store.getState().addProfile(p5, false);
    store.getState().setClusterOpenRanks([p5.descriptor.id, p0.descriptor.id]);
    store.getState().setVisibleWindow({ start: 7_000_000, end: 7_500_000 });
    const before = store.getState();
    const originBefore = BigInt(before.clusterAxisOriginNs!);
    store.getState().setRankManualOffset(5, 2000n);
    const after = store.getState();
    expect(after.clusterManualOffsets).toEqual({ '5': '2000' });
    expect(after.clusterTimeline[0]!.clockOffsetNs).toBe(String(skew + 2000));
    expect(selectClusterModel(after)!.offsets.get(5)!.effectiveNs).toBe(BigInt(skew + 2000));
    const shift = Number(originBefore - BigInt(after.clusterAxisOriginNs!));
    expect(after.visibleWindow.start - before.visibleWindow.start).toBe(shift);
    // Rank 0 stays where it was in aligned time.
    const g0 = (st: typeof after) =>
      selectTimelineGroups(st).find((g) => g.profileId === p0.descriptor.id)!;
    expect(g0(after).offsetNs - after.visibleWindow.start).toBe(
      g0(before).offsetNs - before.visibleWindow.start,
    );
    store.getState().resetManualOffsets();
    expect(store.getState().clusterTimeline[0]!.clockOffsetNs).toBe(String(skew));
  });

  it('adds every rank’s communication matrix after the overview', async () => {
    const store = fresh();
    expect(selectClusterModel(store.getState())!.matrix.rows).toEqual([]);
    const matrices = (await session.handlers['cluster:matrices'](undefined, ctx())) as {
      profileId: string;
      rows: NonNullable<RankSummary['commMatrix']>;
    }[];
    expect(matrices).toHaveLength(8);
    store.getState().setClusterMatrixStatus('loading');
    store.getState().setClusterMatrices(matrices);
    const s = store.getState();
    expect(s.clusterMatrixStatus).toBe('ready');
    const m = selectClusterModel(s)!;
    expect(m.matrix.source).toBe('communication_matrix.json');
    // Every rank reports its own links; merged, every ordered pair of the tp group appears.
    const pairs = new Set(m.matrix.rows.map((r) => `${r.src}>${r.dst}`));
    for (let a = 0; a < 8; a++)
      for (let b = 0; b < 8; b++) expect(pairs.has(`${a}>${b}`)).toBe(true);
  });

  it('picks ranks and resets', () => {
    const store = fresh();
    const st = () => store.getState();
    st().toggleClusterRank(5, false);
    st().toggleClusterRank(2, true);
    expect(st().clusterSelectedRanks).toEqual([2, 5]);
    st().toggleClusterRank(5, true);
    expect(st().clusterSelectedRanks).toEqual([2]);
    st().toggleClusterRank(7, false);
    expect(st().clusterSelectedRanks).toEqual([7]);
    st().resetCluster();
    expect(st().clusterRanks).toEqual([]);
    expect(selectClusterModel(st())).toBeNull();
  });
});
