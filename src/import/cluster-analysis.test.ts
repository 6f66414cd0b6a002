// The cluster analysis on a generated run with a deliberately slow rank and skewed host clocks.
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../generator/cluster';
import { alignOffsets, collectiveArrivals } from '../model/cluster/align';
import { analyzeCluster, clusterMatrix } from '../model/cluster/analyze';
import { rankSummaryOf, type RankSummary } from '../model/cluster/rank-summary';
import { importProfile } from './import-profile';
import { openInputs } from './open-inputs';
import { memoryFile } from './sources/input-file';

async function summaries(
  files: { path: string; data: string | Uint8Array }[],
  only?: (k: string) => boolean,
) {
  const opened = await openInputs(files.map((f) => memoryFile(f.path, f.data)));
  const out: RankSummary[] = [];
  for (const d of opened.discovery.profiles) {
    out.push(rankSummaryOf(await importProfile(d, opened.files, { only }), out.length));
  }
  return { opened, ranks: out };
}

describe('cluster analysis', () => {
  const skew = [0, 7_654_321, -3_210_987];
  const { files, truth } = generateCluster({
    ranks: 6,
    ranksPerHost: 2,
    tp: 2,
    steps: 3,
    slowRank: 3,
    skewNsByHost: skew,
    seed: 11,
  });

  it('discovers every rank with its id', async () => {
    const { ranks } = await summaries(files, (k) => k === 'profiler_info.json');
    expect(ranks.map((r) => r.rank).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('recovers the clock offsets exactly from the traces, and finds the slow rank', async () => {
    const { ranks } = await summaries(files);
    const offsets = alignOffsets(ranks, 0);
    const t0 = truth.perRank.find((r) => r.rank === 0)!.offsetNs;
    for (const r of truth.perRank) {
      expect(Number(offsets.get(r.rank)), `rank ${r.rank}`).toBe(r.offsetNs - t0);
    }
    const arrivals = collectiveArrivals(ranks, offsets);
    expect(arrivals.length).toBeGreaterThan(0);
    const findings = analyzeCluster(ranks, arrivals);
    expect(findings.slowestRank).toBe(truth.slowRank);
    expect(findings.slowestBy).toBe('caused-wait');
    // Aligned collectives line up: every member of a collective ends at the same aligned time.
    for (const a of arrivals) {
      const ends = ranks
        .filter((r) => a.starts.has(r.rank))
        .map(
          (r) =>
            r.collectives.find((c) => c.op === a.op && c.seq === a.seq)!.endNs -
            offsets.get(r.rank)!,
        );
      expect(new Set(ends.map(String)).size, a.op).toBe(1);
    }
  });

  it('aligns from the small files alone within a microsecond', async () => {
    const small = (k: string) =>
      [
        'profiler_info.json',
        'profiler_metadata.json',
        'step_trace_time.csv',
        'communication.json',
      ].includes(k);
    const { ranks } = await summaries(files, small);
    expect(ranks.every((r) => r.collectives.every((c) => c.source === 'communication.json'))).toBe(
      true,
    );
    const offsets = alignOffsets(ranks, 0);
    const t0 = truth.perRank.find((r) => r.rank === 0)!.offsetNs;
    for (const r of truth.perRank)
      expect(Math.abs(Number(offsets.get(r.rank)) - (r.offsetNs - t0))).toBeLessThanOrEqual(1000);
    const findings = analyzeCluster(ranks, collectiveArrivals(ranks, offsets));
    expect(findings.slowestRank).toBe(truth.slowRank);
    const m = clusterMatrix(ranks, 'stepTimeUs');
    expect(m.ranks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(m.steps.length).toBe(3);
    expect(m.values.every((row) => row.every((v) => v !== null && v > 0))).toBe(true);
  });
});
