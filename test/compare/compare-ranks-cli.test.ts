// `compare` on two generated two-rank runs (folders of Kineto rank traces): the target's rank 0
// has one kernel 2× slower and one renamed, its rank 1 is the baseline's rank 1 unchanged.
// --profile picks the same rank on both sides, --baseline-profile/--target-profile a rank per
// side, --aggregate folds the ranks: totals summed (checked against the generator's kernel
// lists), steps the mean over ranks per index (checked against the per-rank comparisons).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADDED, REMOVED, SLOWER } from '../../src/generator/compare-pair';
import { generateKinetoTrace, type KinetoTrace } from '../../src/generator/kineto-trace';
import { cliMain } from '../../src/node/cli/main';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await cliMain(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    progress: false,
  });
  return { code, out, err, json: code === 0 ? (JSON.parse(out) as Json) : null };
}

interface Side {
  count: number;
  totalNs: number;
}
interface Json {
  baseline: { profiles: string[]; ranks?: number[]; rank: number | null; steps: { count: number } };
  target: { profiles: string[]; ranks?: number[]; rank: number | null };
  options: { aggregate?: boolean };
  kernels: { name: string; baseline: Side; target: Side; deltaNs: number; status: string }[];
  steps: {
    perStep: {
      baseline: Record<string, number>;
      target: Record<string, number>;
      deltaNs: Record<string, number>;
    }[];
  };
  summary: { id: string; baseline: number | null; target: number | null }[];
  perRank?: {
    rank: number;
    baselineProfile: string;
    targetProfile: string;
    baseline: { stepMeanNs: number };
    target: { stepMeanNs: number };
    deltaStepMeanNs: number;
  }[];
}

const common = { style: 'new', steps: 3, kernelsPerStep: 6 } as const;
let tmp: string;
let runA: string;
let runB: string;
const truth: Record<string, KinetoTrace> = {};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'atv-compare-ranks-'));
  runA = join(tmp, 'runA');
  runB = join(tmp, 'runB');
  mkdirSync(runA);
  mkdirSync(runB);
  truth['A0'] = generateKinetoTrace({ ...common, seed: 11, rank: 0 });
  truth['A1'] = generateKinetoTrace({ ...common, seed: 12, rank: 1 });
  truth['B0'] = generateKinetoTrace({
    ...common,
    seed: 11,
    rank: 0,
    kernelScale: { [SLOWER]: 2 },
    kernelRename: { [REMOVED]: ADDED },
  });
  truth['B1'] = generateKinetoTrace({ ...common, seed: 12, rank: 1 });
  writeFileSync(join(runA, 'rank0.pt.trace.json'), truth['A0'].text);
  writeFileSync(join(runA, 'rank1.pt.trace.json'), truth['A1'].text);
  writeFileSync(join(runB, 'rank0.pt.trace.json'), truth['B0'].text);
  writeFileSync(join(runB, 'rank1.pt.trace.json'), truth['B1'].text);
});

const sum = (t: KinetoTrace[], name: string) => {
  const ks = t.flatMap((x) => x.truth.kernels).filter((k) => k.name === name);
  return { count: ks.length, totalNs: ks.reduce((a, k) => a + k.durNs, 0) };
};

describe('compare with several ranks per side', () => {
  it('refuses a multi-rank folder without a choice, naming the options', async () => {
    const r = await run('compare', runA, runB);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/2 profiles .*--profile <id\|rank> or --aggregate/);
    const bad = await run('compare', runA, runB, '--profile', '7');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /--profile 7: no such profile; found: .*rank0\.pt\.trace\.json \(rank 0\)/,
    );
    const both = await run('compare', runA, runB, '--aggregate', '--profile', '1');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--aggregate');
  });

  it('--profile RANK compares that rank on both sides', async () => {
    const r = await run('compare', runA, runB, '--profile', '1', '--threshold', '0');
    expect(r.err).toBe('');
    const j = r.json!;
    expect(j.baseline.profiles).toEqual(['runA/rank1.pt.trace.json']);
    expect(j.baseline.rank).toBe(1);
    expect(j.target.profiles).toEqual(['runB/rank1.pt.trace.json']);
    // The same rank unchanged: every kernel the same, Δ 0.
    expect(j.kernels.length).toBeGreaterThan(0);
    for (const k of j.kernels) {
      expect(k.deltaNs).toBe(0);
      expect(k.status).toBe('same');
    }
  });

  it('--baseline-profile / --target-profile: a rank per side, as if given its file', async () => {
    const picked = await run(
      'compare',
      runA,
      runB,
      '--baseline-profile',
      '0',
      '--target-profile',
      'runB/rank0.pt.trace.json',
    );
    const direct = await run(
      'compare',
      join(runA, 'rank0.pt.trace.json'),
      join(runB, 'rank0.pt.trace.json'),
    );
    expect(picked.json!.kernels).toEqual(direct.json!.kernels);
    expect(picked.json!.steps).toEqual(direct.json!.steps);
    const slower = picked.json!.kernels.find((k) => k.name === SLOWER)!;
    expect(slower.baseline).toEqual(sum([truth['A0']!], SLOWER));
    expect(slower.target).toEqual(sum([truth['B0']!], SLOWER));
    // Rank 0 vs rank 1 of one run: the folder given twice.
    const two = await run(
      'compare',
      runA,
      runA,
      '--baseline-profile',
      '0',
      '--target-profile',
      '1',
    );
    expect(two.json!.baseline.rank).toBe(0);
    expect(two.json!.target.rank).toBe(1);
  });

  it('--aggregate sums kernel totals over the ranks and averages the steps', async () => {
    const r = await run('compare', runA, runB, '--aggregate', '--threshold', '0');
    expect(r.err).toBe('');
    const j = r.json!;
    expect(j.options.aggregate).toBe(true);
    expect(j.baseline.ranks).toEqual([0, 1]);
    expect(j.baseline.rank).toBeNull();
    expect(j.baseline.profiles).toEqual(['runA/rank0.pt.trace.json', 'runA/rank1.pt.trace.json']);
    const A = [truth['A0']!, truth['A1']!];
    const B = [truth['B0']!, truth['B1']!];
    const names = new Set([...A, ...B].flatMap((t) => t.truth.kernels.map((k) => k.name)));
    expect(j.kernels.map((k) => k.name).sort()).toEqual([...names].sort());
    for (const k of j.kernels) {
      expect(k.baseline).toEqual(sum(A, k.name));
      expect(k.target).toEqual(sum(B, k.name));
      expect(k.deltaNs).toBe(k.target.totalNs - k.baseline.totalNs);
    }
    // Renamed on rank 0 only: still run on rank 1, so fewer calls in all, not removed.
    expect(sum(B, REMOVED).count).toBeGreaterThan(0);
    expect(j.kernels.find((k) => k.name === REMOVED)!.status).toBe('faster');
    expect(j.kernels.find((k) => k.name === ADDED)!.status).toBe('added');

    // Steps: per index, the mean over ranks of each rank's own figures.
    const r0 = (await run('compare', runA, runB, '--profile', '0')).json!;
    const r1 = (await run('compare', runA, runB, '--profile', '1')).json!;
    expect(j.steps.perStep).toHaveLength(3);
    j.steps.perStep.forEach((s, i) => {
      for (const c of ['stepTime', 'computing', 'communicationNotOverlapped', 'free']) {
        expect(s.baseline[c]).toBe(
          (r0.steps.perStep[i]!.baseline[c]! + r1.steps.perStep[i]!.baseline[c]!) / 2,
        );
        expect(s.target[c]).toBe(
          (r0.steps.perStep[i]!.target[c]! + r1.steps.perStep[i]!.target[c]!) / 2,
        );
      }
    });
    // Device busy: summed over the ranks.
    const busy = (x: Json) => x.summary.find((s) => s.id === 'busy')!;
    expect(busy(j).baseline).toBe(busy(r0).baseline! + busy(r1).baseline!);
    expect(busy(j).target).toBe(busy(r0).target! + busy(r1).target!);

    // Rank by rank: rank 1 unchanged, rank 0 the slower one.
    expect(j.perRank!.map((p) => [p.rank, p.baselineProfile, p.targetProfile])).toEqual([
      [0, 'runA/rank0.pt.trace.json', 'runB/rank0.pt.trace.json'],
      [1, 'runA/rank1.pt.trace.json', 'runB/rank1.pt.trace.json'],
    ]);
    expect(j.perRank![1]!.deltaStepMeanNs).toBe(0);
    const stepMean = (x: Json) => x.summary.find((s) => s.id === 'stepMean')!;
    expect(j.perRank![0]!.deltaStepMeanNs).toBe(stepMean(r0).target! - stepMean(r0).baseline!);
    expect(j.perRank![0]!.deltaStepMeanNs).toBeGreaterThan(0);
  });
});
