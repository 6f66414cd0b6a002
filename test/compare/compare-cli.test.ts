// `ascend-trace-viewer compare` in-process: the JSON contract on a generated pair, exit codes
// and stderr lines for unusable inputs, and two real ranks (MI text level2 rank0 vs rank1)
// against sums computed here from their CSV files.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADDED, generateComparePair, REMOVED, SLOWER } from '../../src/generator/compare-pair';
import { cliMain } from '../../src/node/cli/main';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../real-samples';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await cliMain(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    progress: false,
  });
  return { code, out, err };
}

interface Row {
  name: string;
  baseline: { count: number; totalNs: number };
  target: { count: number; totalNs: number };
  deltaNs: number;
  status: string;
}

let tmp: string;
let base: string;
let target: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'atv-compare-'));
  const pair = generateComparePair();
  base = join(tmp, 'baseline.pt.trace.json');
  target = join(tmp, 'target.pt.trace.json');
  writeFileSync(base, pair.baseline.text);
  writeFileSync(target, pair.target.text);
});

describe('compare command', () => {
  it('prints the documented JSON for two generated runs', async () => {
    const r = await run('compare', base, target, '--threshold', '0');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        'baseline',
        'target',
        'summary',
        'kernels',
        'operators',
        'steps',
        'communication',
      ]),
    );
    const b = j['baseline'] as {
      path: string;
      kind: string;
      steps: { count: number; meanNs: number };
    };
    expect(b.path).toBe(base);
    expect(b.kind).toBe('trace-file');
    expect(b.steps.count).toBe(3);
    const kernels = j['kernels'] as Row[];
    const abs = kernels.map((k) => Math.abs(k.deltaNs));
    expect(abs).toEqual([...abs].sort((x, y) => y - x));
    const status = Object.fromEntries(kernels.map((k) => [k.name, k.status]));
    expect(status[SLOWER]).toBe('slower');
    expect(status[REMOVED]).toBe('removed');
    expect(status[ADDED]).toBe('added');
    for (const k of kernels) expect(k.deltaNs).toBe(k.target.totalNs - k.baseline.totalNs);
    const steps = j['steps'] as {
      baseline: Record<string, number>;
      target: Record<string, number>;
      deltaNs: Record<string, number>;
    };
    for (const c of ['stepTime', 'computing', 'communicationNotOverlapped', 'free'])
      expect(steps.deltaNs[c]).toBeCloseTo(steps.target[c]! - steps.baseline[c]!, 6);
    const comm = j['communication'] as { type: string; deltaNs: number }[];
    expect(comm.map((c) => c.type)).toEqual(['AllReduce']);
  });

  it('exits 2 with one stderr line on unusable input', async () => {
    const one = await run('compare', base);
    expect(one.code).toBe(2);
    expect(one.err.trim().split('\n')).toHaveLength(1);
    const missing = await run('compare', base, join(tmp, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`${join(tmp, 'nope')}: no such file or folder\n`);
    expect(missing.out).toBe('');
    const junk = join(tmp, 'junk.txt');
    writeFileSync(junk, 'not a profile');
    const bad = await run('compare', junk, target);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('junk');
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    const e = await run('compare', base, empty);
    expect(e.code).toBe(2);
    expect(e.err.trim().split('\n')).toHaveLength(1);
    const opt = await run('compare', base, target, '--by', 'size');
    expect(opt.code).toBe(2);
  });

  it('refuses a folder of several profiles (one rank per side)', async () => {
    const r = await run('compare', 'fixtures/ascend/two-ranks/run_20250101', target);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2 profiles .*give one rank/);
  });
});

const csv = (path: string) =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

describe.skipIf(!hasSamples)('compare real ranks (MI text level2 rank0 vs rank1)', () => {
  if (!hasSamples) it.skip(SKIP_REASON, () => {});
  const dir = (r: number) => samplePath(`${MI}/text/level2/rank${r}_ascend_pt`);
  const out = (r: number, f: string) => join(dir(r), 'ASCEND_PROFILER_OUTPUT', f);

  it('kernels and steps match sums computed from the CSV files', async () => {
    const r = await run('compare', dir(0), dir(1), '--threshold', '0');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      kernels: Row[];
      steps: { baseline: Record<string, number>; target: Record<string, number> };
      summary: { id: string; baseline: number; target: number; delta: number }[];
    };
    const sums = (rank: number) => {
      const m = new Map<string, { count: number; us: number }>();
      for (const row of csv(out(rank, 'kernel_details.csv'))) {
        const s = m.get(row['Name']!) ?? { count: 0, us: 0 };
        s.count++;
        s.us += Number(row['Duration(us)']);
        m.set(row['Name']!, s);
      }
      return m;
    };
    const b = sums(0);
    const t = sums(1);
    expect(j.kernels.length).toBe(new Set([...b.keys(), ...t.keys()]).size);
    for (const k of j.kernels) {
      const eb = b.get(k.name) ?? { count: 0, us: 0 };
      const et = t.get(k.name) ?? { count: 0, us: 0 };
      expect(k.baseline.count, k.name).toBe(eb.count);
      expect(k.target.count, k.name).toBe(et.count);
      expect(Math.abs(k.baseline.totalNs - eb.us * 1000), k.name).toBeLessThan(1 + eb.count);
      expect(Math.abs(k.deltaNs - (et.us - eb.us) * 1000), k.name).toBeLessThan(
        1 + eb.count + et.count,
      );
    }
    // Step time = Computing + Communication(Not Overlapped) + Free of step_trace_time.csv.
    const step = (rank: number) => {
      const rows = csv(out(rank, 'step_trace_time.csv'));
      const v = rows.map(
        (x) =>
          (Number(x['Computing']) +
            Number(x['Communication(Not Overlapped)']) +
            Number(x['Free'])) *
          1000,
      );
      return v.reduce((a, x) => a + x, 0) / v.length;
    };
    const mean = j.summary.find((s) => s.id === 'stepMean')!;
    expect(Math.abs(mean.baseline - step(0))).toBeLessThan(2);
    expect(Math.abs(mean.target - step(1))).toBeLessThan(2);
    expect(Math.abs(mean.delta - (step(1) - step(0)))).toBeLessThan(4);
    expect(Math.abs(j.steps.baseline['stepTime']! - step(0))).toBeLessThan(2);
  });

  it('communication matches communication.json per collective type', async () => {
    const r = await run('compare', dir(0), dir(1));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      communication: {
        type: string;
        baseline: { count: number; totalNs: number; waitNs: number } | null;
        target: { count: number; totalNs: number; waitNs: number } | null;
        deltaNs: number;
      }[];
    };
    type Info = { 'Elapse Time(ms)': number; 'Wait Time(ms)': number };
    const sums = (rank: number) => {
      const doc = JSON.parse(readFileSync(out(rank, 'communication.json'), 'utf8')) as Record<
        string,
        Record<string, Record<string, { 'Communication Time Info': Info }>>
      >;
      const m = new Map<string, { count: number; ms: number; waitMs: number }>();
      for (const step of Object.values(doc))
        for (const kind of Object.values(step))
          for (const [key, op] of Object.entries(kind)) {
            if (key === 'Total Op Info') continue;
            const type = /^hcom_([A-Za-z0-9]+)_/.exec(key)?.[1] ?? key;
            const s = m.get(type) ?? { count: 0, ms: 0, waitMs: 0 };
            s.count++;
            s.ms += op['Communication Time Info']['Elapse Time(ms)'];
            s.waitMs += op['Communication Time Info']['Wait Time(ms)'];
            m.set(type, s);
          }
      return m;
    };
    const b = sums(0);
    const t = sums(1);
    // Per type: the ranks' groups differ or not; summed over groups the totals must match.
    const total = (side: 'baseline' | 'target', type: string) =>
      j.communication
        .filter((c) => c.type === type)
        .reduce(
          (a, c) => ({
            count: a.count + (c[side]?.count ?? 0),
            ns: a.ns + (c[side]?.totalNs ?? 0),
            wait: a.wait + (c[side]?.waitNs ?? 0),
          }),
          { count: 0, ns: 0, wait: 0 },
        );
    expect(b.size).toBeGreaterThan(0);
    for (const [type, e] of b) {
      const got = total('baseline', type);
      expect(got.count, type).toBe(e.count);
      expect(got.ns, type).toBeCloseTo(e.ms * 1e6, 0);
      expect(got.wait, type).toBeCloseTo(e.waitMs * 1e6, 0);
    }
    for (const [type, e] of t) expect(total('target', type).ns, type).toBeCloseTo(e.ms * 1e6, 0);
  });
});
