import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../generator/cluster';
import { advisorAscendProfile } from '../../generator/advisor-scenario';
import { memoryFile } from '../sources/input-file';
import { summarizeInputs } from '../../node/summarize-inputs';

async function summary(files: { path: string; data: string }[]) {
  const r = await summarizeInputs(files.map((f) => memoryFile(f.path, f.data)));
  if ('error' in r) throw new Error(r.error);
  return r.summary;
}

interface Advice {
  rule: string;
  severity: string;
  timeNs: number;
  count: number;
  title: string;
  needs?: string;
}

describe('summarize: advice', () => {
  it('cluster.advice names the slow rank (the generator’s slow rank) with the wait it caused', async () => {
    const c = generateCluster({
      ranks: 4,
      steps: 2,
      kernelsPerStep: 6,
      slowRank: 2,
      slowFactor: 1.5,
      seed: 3,
      withStack: false,
    });
    const s = await summary(c.files);
    const cluster = s['cluster'] as { advice: Advice[]; slowestRank: number };
    const slow = cluster.advice.find((a) => a.rule === 'slow-rank')!;
    expect(slow.title).toMatch(/^Rank 2 is the rank the others wait for/);
    expect(slow.timeNs).toBeGreaterThan(0);
    expect(slow.count).toBeGreaterThan(0);
    expect(cluster.advice.map((a) => a.rule)).toEqual(['slow-rank', 'slow-link']);
    // Every profile has its advice, sorted by time at stake, not-checked listed with needs.
    const profiles = s['profiles'] as { advice: Advice[] }[];
    expect(profiles).toHaveLength(4);
    for (const p of profiles) {
      const active = p.advice.filter((a) => a.severity !== 'ok' && a.severity !== 'not-checked');
      for (let i = 1; i < active.length; i++)
        expect(active[i - 1]!.timeNs).toBeGreaterThanOrEqual(active[i]!.timeNs);
      for (const a of p.advice.filter((x) => x.severity === 'not-checked'))
        expect(a.needs).toBeTruthy();
    }
  });

  it('a single profile has advice at the top level', async () => {
    const s = await summary(
      advisorAscendProfile({ gcPause: { step: 1, kernel: 2, us: 3000 } }).files,
    );
    const advice = s['advice'] as Advice[];
    expect(advice.find((a) => a.rule === 'gc')).toMatchObject({ count: 1, timeNs: 3_000_000 });
    expect(s['cluster']).toBeUndefined();
  });
});

describe('slow-link from the rank summaries (the browser’s cluster overview)', () => {
  it('gives the same finding as from the ranks’ communication rows', async () => {
    const { importGenerated } = await import('./test-advise');
    const { rankSummaryOf } = await import('../../model/cluster/rank-summary');
    const { clusterAdvice } = await import('../../model/advisor/cluster-advice');
    const c = generateCluster({ ranks: 4, steps: 2, kernelsPerStep: 6, seed: 3, withStack: false });
    const profiles = await importGenerated(c.files);
    const ranks = profiles.map((p, i) => rankSummaryOf(p, i));
    expect(ranks.every((r) => r.linkTotals && Object.keys(r.linkTotals).length > 0)).toBe(true);
    const comm = profiles.map((p, i) => ({
      rank: ranks[i]!.rank,
      communication: p.ascend.communication ?? null,
    }));
    const fromRows = clusterAdvice(ranks, comm).find((f) => f.rule === 'slow-link')!;
    const fromSummaries = clusterAdvice(ranks, null).find((f) => f.rule === 'slow-link')!;
    expect(fromSummaries.severity).not.toBe('not-checked');
    expect(fromSummaries).toEqual(fromRows);
    // A negative threshold flags any spread (even none): the browser path reports the ranks too.
    const strict = clusterAdvice(ranks, null, { slowLinkRatio: -1 }).find(
      (f) => f.rule === 'slow-link',
    )!;
    expect(strict.severity).toBe('medium');
    expect(strict.evidence.length).toBeGreaterThanOrEqual(4);
  });
});
