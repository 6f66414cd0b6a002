// The cluster model end to end on a generated run: a deliberately slow rank, skewed host clocks,
// tp and dp groups; the overview from the small files, then two ranks opened with their traces.
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../generator/cluster';
import { buildClusterModel, partnerRank } from '../../model/cluster/cluster-model';
import { emptyClusterOutput } from '../../model/cluster/cluster-output';
import { collectiveKey, pickCollective } from '../../model/cluster/collectives';
import { peerGroupOf } from '../../model/cluster/groups';
import { collectivesFromTrace, type RankSummary } from '../../model/cluster/rank-summary';
import { memoryFile } from '../sources/input-file';
import { openInputs } from '../open-inputs';
import { createWorkerSession } from '../worker-handlers';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('cluster model on a generated run', async () => {
  const skew = [0, 2_345_678];
  const { files, truth } = generateCluster({
    ranks: 8,
    ranksPerHost: 4,
    tp: 4,
    steps: 3,
    slowRank: 6,
    skewNsByHost: skew,
    seed: 5,
    withStack: false,
    kernelsPerStep: 12,
  });
  const session = createWorkerSession();
  session.opened = await openInputs(files.map((f) => memoryFile(f.path, f.data)));
  const small = await session.handlers['cluster:overview'](undefined, ctx());
  // The matrices come in a second pass; the store adds them to the summaries by profile id.
  const matrices = (await session.handlers['cluster:matrices'](undefined, ctx())) as {
    profileId: string;
    rows: RankSummary['commMatrix'];
  }[];
  const overview = small.map((r) => ({
    ...r,
    commMatrix: matrices.find((m) => m.profileId === r.profileId)?.rows,
  }));
  const byRank = new Map(overview.map((r) => [r.rank, r]));
  const load = async (rank: number) =>
    await session.handlers['import']({ profileId: byRank.get(rank)!.profileId }, ctx());
  const truthOffset = (rank: number) => truth.perRank.find((r) => r.rank === rank)!.offsetNs;
  const base = { overview, output: null, traced: new Map(), openRanks: [], manualNs: new Map() };

  it('summarises every rank from the small files, then adds its communication matrix', () => {
    expect(small.every((r) => r.commMatrix === undefined)).toBe(true);
    expect(overview.map((r) => r.rank).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(overview.every((r) => r.steps.length === 3)).toBe(true);
    expect(overview.every((r) => (r.commMatrix?.length ?? 0) > 0)).toBe(true);
    // Only each group's total is carried (no top / middle / bottom duplicates).
    expect(overview.every((r) => r.commMatrix!.every((m) => m.group.endsWith('-total')))).toBe(
      true,
    );
  });

  it('finds the slow rank, the groups and the merged matrix', () => {
    const m = buildClusterModel(base);
    expect(m.findings.slowestRank).toBe(truth.slowRank);
    expect(m.findings.slowestBy).toBe('caused-wait');
    expect(m.findings.divergentStep).not.toBeNull();
    const tp = peerGroupOf(6, m.groups)!;
    expect(tp.name).toBe('tp');
    expect(tp.ranks).toEqual([4, 5, 6, 7]);
    expect(tp.hashes.length).toBeGreaterThan(0);
    expect(m.matrix.source).toBe('communication_matrix.json');
    const pairs = new Set(m.matrix.rows.map((r) => `${r.src}>${r.dst}`));
    expect(pairs.has('6>7')).toBe(true);
    expect(pairs.has('7>6')).toBe(true);
    // Offsets from communication.json: within a microsecond of the truth.
    for (const r of truth.perRank) {
      const o = m.offsets.get(r.rank)!;
      expect(
        Math.abs(Number(o.autoNs) - (r.offsetNs - truthOffset(0))),
        `rank ${r.rank}`,
      ).toBeLessThanOrEqual(1000);
      expect(o.source).toBe(r.rank === 0 ? 'reference' : 'communication.json');
    }
  });

  it('refines the open ranks’ offsets from their traces to the exact ns', async () => {
    // Ranks 2 (host 0) and 6 (host 1) share their dp group's collectives.
    const p6 = await load(6);
    const p2 = await load(2);
    const traced = new Map([
      [6, collectivesFromTrace(p6.trace!)],
      [2, collectivesFromTrace(p2.trace!)],
    ]);
    const m = buildClusterModel({ ...base, traced, openRanks: [6, 2] });
    const o1 = m.offsets.get(2)!;
    const o6 = m.offsets.get(6)!;
    expect(o6.source).toBe('trace');
    expect(o6.via).toBe(2);
    expect(o6.autoNs - o1.autoNs).toBe(BigInt(truthOffset(6) - truthOffset(2)));
    // The exact collectives of both ranks end together once aligned.
    const ends = (rank: number, off: bigint) =>
      new Map(traced.get(rank)!.map((c) => [collectiveKey(c.op, c.seq), c.endNs - off] as const));
    const e1 = ends(2, o1.effectiveNs);
    const e6 = ends(6, o6.effectiveNs);
    const shared = [...e6.keys()].filter((k) => e1.has(k));
    expect(shared.length).toBeGreaterThan(0);
    for (const k of shared) expect(e6.get(k)).toBe(e1.get(k));
    // Trace collectives keep their slice and take wait / transit / step from communication.json.
    const c6 = m.byRank.get(6)!.collectives[0]!;
    expect(c6.source).toBe('trace');
    expect(c6.track).toBeTypeOf('number');
    expect(c6.step).toBeTruthy();
    expect(c6.transitNs).toBeGreaterThan(0);
  });

  it('keeps the µs offsets of open ranks that share no collective', async () => {
    // Ranks 1 and 6 are in different tp and dp groups: their traces alone cannot align them.
    const traced = new Map([
      [6, collectivesFromTrace((await load(6)).trace!)],
      [1, collectivesFromTrace((await load(1)).trace!)],
    ]);
    const m = buildClusterModel({ ...base, traced, openRanks: [6, 1] });
    expect(m.offsets.get(6)!.source).toBe('communication.json');
    const err =
      Number(m.offsets.get(6)!.autoNs - m.offsets.get(1)!.autoNs) -
      (truthOffset(6) - truthOffset(1));
    expect(Math.abs(err)).toBeLessThanOrEqual(2000);
  });

  it('applies manual offsets on top of the automatic ones', () => {
    const auto = buildClusterModel(base);
    const m = buildClusterModel({ ...base, manualNs: new Map([[6, 5000n]]) });
    expect(m.offsets.get(6)!.effectiveNs - auto.offsets.get(6)!.effectiveNs).toBe(5000n);
    expect(m.offsets.get(6)!.autoNs).toBe(auto.offsets.get(6)!.autoNs);
    // Rank 6 now arrives 5 µs earlier on the aligned axis: the skews it caused shrink.
    const skew = (mm: typeof m) =>
      mm.collectives.filter((c) => c.lastRank === 6).reduce((a, c) => a + c.skewNs, 0);
    expect(skew(m)).toBeLessThan(skew(auto));
  });

  it('pairs a rank with the most different rank of its group, and picks its collective', () => {
    const m = buildClusterModel(base);
    const peers = peerGroupOf(6, m.groups)!.ranks;
    const partner = partnerRank(m, 6, peers);
    expect(partner).not.toBeNull();
    expect(peers).toContain(partner);
    // A normal rank is paired with the slow one.
    expect(partnerRank(m, 4, peers)).toBe(6);
    const step = m.byRank.get(6)!.steps[1]!.step;
    const c = pickCollective(m.collectives, m.index, 6, step)!;
    expect(c.step).toBe(step);
    expect(c.lastRank).toBe(6);
  });

  it('takes steps from the cluster output where a rank has none', () => {
    const without = overview.map((r) => (r.rank === 3 ? { ...r, steps: [] } : r));
    const output = {
      ...emptyClusterOutput(),
      steps: [{ rank: 3, steps: byRank.get(3)!.steps }],
      stepsSource: 'cluster_step_trace_time.csv',
    };
    const m = buildClusterModel({ ...base, overview: without, output });
    expect(m.stepsFrom.get(3)).toBe('cluster');
    expect(m.stepsFrom.get(2)).toBe('per-rank');
    expect(m.byRank.get(3)!.steps).toHaveLength(3);
    // A rank only the cluster output knows still gets a row.
    const extra = buildClusterModel({
      ...base,
      output: { ...output, steps: [{ rank: 42, steps: byRank.get(3)!.steps }] },
    });
    expect(extra.byRank.get(42)?.profileId).toBe('');
  });
});
