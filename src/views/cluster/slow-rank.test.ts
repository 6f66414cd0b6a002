// The slow rank is the one the others wait for (analysis-definitions §6.2), found by the wait it
// caused, on data shaped like the report that found the old rule wrong: 2 ranks, 4 allReduces;
// at the first one rank 1 arrives 5.6 ms after rank 0 (rank 0 waits 5.6 ms, its communication.json
// Synchronization Time says so, rank 1's is ~0); at the third, rank 0 arrives 8.126 µs late.
// "Last arrivals" tie 1–1 there, and the old tie-break named rank 0, whose step time the waiting
// inflates.
import { describe, expect, it } from 'vitest';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { generateCluster } from '../../generator/cluster';
import { importProfile } from '../../import/import-profile';
import { openInputs } from '../../import/open-inputs';
import { memoryFile } from '../../import/sources/input-file';
import { buildClusterModel } from '../../model/cluster/cluster-model';
import { rankSummaryOf, type RankSummary } from '../../model/cluster/rank-summary';
import { listInputFiles } from '../../node/node-files';
import { summarizeInputs } from '../../node/summarize-inputs';
import { headline, slowestReason, slowRankShown } from './cluster-text';
import { clusterAdvice } from '../../model/advisor/cluster-advice';
import { initI18n } from '../../i18n/index';

const LATE_NS = 5_600_000;
const SMALL_LATE_NS = 8_126;

/** Two decode ranks of one step; `late`: which rank arrives late at which collective, by how much. */
function reportShape(
  late: { rank: number; collective: number; ns: number }[] = [
    { rank: 1, collective: 0, ns: LATE_NS },
    { rank: 0, collective: 2, ns: SMALL_LATE_NS },
  ],
) {
  return generateCluster({
    ranks: 2,
    tp: 2,
    steps: 1,
    workload: 'decode',
    kernelsPerStep: 22,
    slowFactor: 1,
    withStack: false,
    lateArrivals: late,
    seed: 21,
  });
}

async function rankSummaries(files: readonly { path: string; data: string | Uint8Array }[]) {
  const opened = await openInputs(files.map((f) => memoryFile(f.path, f.data)));
  const out: RankSummary[] = [];
  for (const d of opened.discovery.profiles)
    out.push(rankSummaryOf(await importProfile(d, opened.files, {}), out.length));
  return out;
}

const model = (overview: RankSummary[]) =>
  buildClusterModel({
    overview,
    output: null,
    traced: new Map(),
    openRanks: [],
    manualNs: new Map(),
  });

describe('slow rank = the rank the others wait for', () => {
  const { files, truth } = reportShape();

  it('the generated run has the report shape', () => {
    expect(truth.collectives).toHaveLength(4);
    // communication.json: rank 0 waits 5.6 ms at the first allReduce, rank 1 about nothing.
    const syncMs = (rank: number) => {
      const f = files.find(
        (x) =>
          x.path.includes(`_${2310000 + rank * 131}_`) && x.path.endsWith('communication.json'),
      )!;
      const j = JSON.parse(f.data) as Record<
        string,
        { collective: Record<string, { 'Communication Time Info': Record<string, number> }> }
      >;
      const ops = Object.values(j)[0]!.collective;
      const first = Object.keys(ops).find((k) => k.startsWith(truth.collectives[0]!))!;
      return ops[first]!['Communication Time Info']['Synchronization Time(ms)']!;
    };
    expect(syncMs(0)).toBeCloseTo(LATE_NS / 1e6, 2);
    expect(syncMs(1)).toBeLessThan(0.01);
  });

  it('finds rank 1 by the wait it caused, with the evidence in the headline', async () => {
    const ranks = await rankSummaries(files);
    const m = model(ranks);
    const f = m.findings;
    expect(f.lastArrivals.get(0)).toBe(1);
    expect(f.lastArrivals.get(1)).toBe(1);
    expect(f.slowestRank).toBe(1);
    expect(f.slowestBy).toBe('caused-wait');
    // 5.6 ms of waiting stands out of the step (msprof-analyze's > 5 % gap rule).
    expect(f.rankGap!.ratio).toBeGreaterThan(0.05);
    expect(f.slowRankSignificant).toBe(true);
    expect(slowRankShown(m)).toBe(1);
    expect(Math.abs(f.causedWaitNs.get(1)! - LATE_NS)).toBeLessThan(1000);
    expect(Math.abs(f.causedWaitNs.get(0)! - SMALL_LATE_NS)).toBeLessThan(1000);
    // Rank 0's own wait (communication.json) is the large one: it waited, rank 1 made it wait.
    expect(f.ownWaitNs.get(0)!).toBeGreaterThan(f.ownWaitNs.get(1)!);
    const text = headline(m)!;
    expect(text).toMatch(
      /^Rank 1 \(node0\) held the others back: its peers waited 5\.6\d* ms for it in all/,
    );
    expect(text).toContain('at the collective it arrived last at (of 2');
    expect(text).toMatch(/Next: rank 0 \(node0\), 8\.1\d* µs\.$/);
    expect(slowestReason(m)).toMatch(/^peers waited 5\.6\d* ms for it, at 1 of 2 collectives$/);
    // In Chinese, the same sentence and reason with the data (rank, host, durations) as written.
    initI18n({ lang: 'zh-CN' });
    try {
      const zh = headline(m)!;
      expect(zh).toMatch(/^Rank 1（node0） 拖慢了其他 rank：它最晚到达的 1 个集合通信上/);
      expect(zh).toMatch(/其次：rank 0（node0），8\.1\d* µs。$/);
      expect(zh).not.toMatch(/held|peers|Next/);
      expect(slowestReason(m)).toMatch(/^其他 rank 共等待它 5\.6\d* ms，在 2 个集合通信中占 1 个$/);
    } finally {
      initI18n({ lang: 'en' });
    }
  });

  it('summarize names rank 1, the rule and the caused wait', async () => {
    const res = await summarizeInputs(files.map((f) => memoryFile(f.path, f.data)));
    if ('error' in res) throw new Error(res.error);
    const c = res.summary['cluster'] as Record<string, unknown>;
    expect(c['slowestRank']).toBe(1);
    expect(c['slowestBy']).toBe('caused-wait');
    expect(c['slowestLastAt']).toBe(1);
    expect(Math.abs((c['slowestCausedWaitNs'] as number) - LATE_NS)).toBeLessThan(1000);
  });
});

describe('ranks within noise: no slow rank named', () => {
  // Same shape, but rank 1 is late by 40 µs only (steps of ~1.7 ms): its caused wait still ranks it first, yet
  // the ranks' step-time gap stays under msprof-analyze's 5 % (analysis-definitions §6.2).
  const { files } = reportShape([{ rank: 1, collective: 0, ns: 40_000 }]);

  it('says "within noise" in the headline, the facts, the advisor and summarize', async () => {
    const ranks = await rankSummaries(files);
    const m = model(ranks);
    const f = m.findings;
    expect(f.slowestRank).toBe(1);
    expect(f.rankGap!.ratio).toBeLessThan(0.05);
    expect(f.slowRankSignificant).toBe(false);
    expect(slowRankShown(m)).toBeNull();
    const text = headline(m)!;
    expect(text).toMatch(/^No rank is clearly slower: the largest gap between ranks, /);
    expect(text).not.toMatch(/held the others back/);
    expect(slowestReason(m)).toMatch(
      /^within noise: largest step-time gap \d+\.\d% of the mean step/,
    );
    const advice = clusterAdvice(ranks, null).find((x) => x.rule === 'slow-rank')!;
    expect(advice.severity).toBe('ok');
    expect(advice.title).toMatch(/^No rank is clearly slower/);
    const res = await summarizeInputs(files.map((x) => memoryFile(x.path, x.data)));
    if ('error' in res) throw new Error(res.error);
    const c = res.summary['cluster'] as Record<string, unknown>;
    expect(c['slowRankSignificant']).toBe(false);
    expect((c['rankGap'] as { threshold: number }).threshold).toBe(0.05);
  });
});

describe.skipIf(!hasSamples)('slow rank on the real two-rank runs', () => {
  if (!hasSamples) console.warn(SKIP_REASON);
  // Hand check, text Level2 (step 50, 4 allReduces): at the first one rank 1 starts 2.518 ms
  // after rank 0 (aligned) and rank 0's Synchronization Time is 2.519 ms: rank 0 waited for
  // rank 1. At the other three rank 0 is last by under 3 µs. Rank 1 caused ≈ 2.52 ms, rank 0
  // ≈ 3.5 µs → rank 1, although rank 0 has the longer step (129.86 vs 128.76 ms) because it
  // waited. (Rank 1's own Synchronization Time, 8.6 ms, does not fit "lowest sync" there: the
  // two runs' sync figures are not comparable to the arrival order, so the caused wait decides.)
  it('text Level2: rank 1, caused ≈ 2.52 ms at 1 collective', async () => {
    const res = await summarizeInputs(await listInputFiles(samplePath(`${MI}/text/level2`)));
    if ('error' in res) throw new Error(res.error);
    const c = res.summary['cluster'] as Record<string, number | string>;
    expect(c['slowestRank']).toBe(1);
    expect(c['slowestBy']).toBe('caused-wait');
    expect(c['slowestLastAt']).toBe(1);
    expect(Math.abs((c['slowestCausedWaitNs'] as number) - 2_517_600)).toBeLessThan(5000);
    // But the ranks are within noise (by hand from step_trace_time.csv, step 50): Comm(Not
    // Overlapped) 95962.016 vs 93411.782 µs → gap 2550.234 µs; mean C + CNO + F = (129862.876 +
    // 128755.772) ÷ 2 = 129309.324 µs → 1.97 % ≤ msprof-analyze's 5 %: no rank is called slow.
    expect(c['slowRankSignificant']).toBe(false);
    const g = c['rankGap'] as unknown as Record<string, number | string>;
    expect(g['dimension']).toBe('communicationNotOverlapped');
    expect(g['gapUs']).toBeCloseTo(2550.234, 2);
    expect(g['meanStepUs']).toBeCloseTo(129309.324, 2);
    expect(g['ratio']).toBeCloseTo(0.0197, 4);
  });

  // Hand check, db Level2 (another run): rank 0 starts 6.25 ms after rank 1 at the first
  // allReduce and is last at all four (rank 1's Wait Time 1.47 ms there, rank 0's 0.05 ms) → 0.
  it('db Level2: rank 0, caused ≈ 6.26 ms', async () => {
    const res = await summarizeInputs(await listInputFiles(samplePath(`${MI}/db/level2`)));
    if ('error' in res) throw new Error(res.error);
    const c = res.summary['cluster'] as Record<string, number | string>;
    expect(c['slowestRank']).toBe(0);
    expect(c['slowestBy']).toBe('caused-wait');
    expect(c['slowestCausedWaitNs'] as number).toBeGreaterThan(6_200_000);
  });
});
