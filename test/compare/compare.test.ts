// The compare model on a generated pair with known differences: one kernel 2× slower, one
// renamed (removed + added), the steps' computing shifted by the slower kernel. Expected values
// come from the generator's kernel lists, not from the analysis layer.
import { describe, expect, it } from 'vitest';
import type { KinetoKernelTruth } from '../../src/generator/kineto-trace';
import { importProfile } from '../../src/import/import-profile';
import { openInputs } from '../../src/import/open-inputs';
import { memoryFile } from '../../src/import/sources/input-file';
import type { ProfileModel } from '../../src/model/profile';
import { compareProfiles, diffStatus } from '../../src/model/compare/compare';
import { commByType } from '../../src/model/compare/side';
import { ADDED, generateComparePair, REMOVED, SLOWER } from '../../src/generator/compare-pair';

async function open(path: string, text: string): Promise<ProfileModel> {
  const opened = await openInputs([memoryFile(path, text)]);
  return importProfile(opened.discovery.profiles[0]!, opened.files);
}

const byName = (ks: readonly KinetoKernelTruth[]) => {
  const m = new Map<string, { count: number; totalNs: number }>();
  for (const k of ks) {
    const r = m.get(k.name) ?? { count: 0, totalNs: 0 };
    r.count++;
    r.totalNs += k.durNs;
    m.set(k.name, r);
  }
  return m;
};

/** |∪ compute kernels launched in the step|, ns (the step's Computing). */
function computingOf(ks: readonly KinetoKernelTruth[], step: string): number {
  const iv = ks
    .filter((k) => k.step === step && k.kind === 'compute')
    .map((k) => [k.startNs, k.startNs + k.durNs] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of iv) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

async function load() {
  const pair = generateComparePair();
  const base = await open('baseline.pt.trace.json', pair.baseline.text);
  const target = await open('target.pt.trace.json', pair.target.text);
  return { pair, base, target };
}

describe('compare two generated runs', () => {
  it('diffs kernels: 2× slower, removed, added, same — every Δ exact', async () => {
    const { pair, base, target } = await load();
    const b = byName(pair.baseline.truth.kernels);
    const t = byName(pair.target.truth.kernels);
    expect(b.get(SLOWER)?.count).toBeGreaterThan(0);
    expect(b.get(REMOVED)?.count).toBeGreaterThan(0);
    const r = compareProfiles(base, target, { by: 'name', thresholdPct: 0 });
    const names = new Set([...b.keys(), ...t.keys()]);
    expect(r.kernels.map((k) => k.name).sort()).toEqual([...names].sort());
    for (const row of r.kernels) {
      const eb = b.get(row.name) ?? { count: 0, totalNs: 0 };
      const et = t.get(row.name) ?? { count: 0, totalNs: 0 };
      expect(row.baseline.count, row.name).toBe(eb.count);
      expect(row.baseline.totalNs, row.name).toBe(eb.totalNs);
      expect(row.target.count, row.name).toBe(et.count);
      expect(row.target.totalNs, row.name).toBe(et.totalNs);
      expect(row.deltaNs, row.name).toBe(et.totalNs - eb.totalNs);
    }
    const row = (n: string) => r.kernels.find((k) => k.name === n)!;
    expect(row(SLOWER).status).toBe('slower');
    expect(row(SLOWER).deltaNs).toBe(b.get(SLOWER)!.totalNs);
    expect(row(SLOWER).deltaMeanNs).toBe(b.get(SLOWER)!.totalNs / b.get(SLOWER)!.count);
    expect(row(SLOWER).deltaPct).toBe(100);
    expect(row(REMOVED).status).toBe('removed');
    expect(row(REMOVED).deltaNs).toBe(-b.get(REMOVED)!.totalNs);
    expect(row(ADDED).status).toBe('added');
    expect(row(ADDED).deltaPct).toBeNull();
    const same = r.kernels.filter((k) => ![SLOWER, REMOVED, ADDED].includes(k.name));
    expect(same.length).toBeGreaterThan(0);
    for (const k of same) expect([k.status, k.deltaNs]).toEqual(['same', 0]);
    // Sorted by |Δ| descending.
    const abs = r.kernels.map((k) => Math.abs(k.deltaNs));
    expect(abs).toEqual([...abs].sort((x, y) => y - x));
  });

  it('diffs operators through their kernels (device time)', async () => {
    const { pair, base, target } = await load();
    const r = compareProfiles(base, target, { by: 'name', thresholdPct: 0 });
    const slower = pair.baseline.truth.kernels.filter((k) => k.name === SLOWER);
    const sum = r.operators.find((o) => o.name === 'aten::sum')!;
    expect(sum.deltaNs).toBe(slower.reduce((a, k) => a + k.durNs, 0));
    for (const o of r.operators) {
      const eb = pair.baseline.truth.operators[o.name]!;
      const et = pair.target.truth.operators[o.name]!;
      expect(o.baseline.totalNs, o.name).toBe(eb.deviceNs);
      expect(o.target.totalNs, o.name).toBe(et.deviceNs);
      expect(o.deltaNs, o.name).toBe(et.deviceNs - eb.deviceNs);
    }
    expect(sum.status).toBe('slower');
    expect(sum.target.count).toBe(sum.baseline.count);
    // aten::mm's kernel was renamed, not slowed: its device time is unchanged.
    const mm = r.operators.find((o) => o.name === 'aten::mm')!;
    expect([mm.deltaNs, mm.status]).toEqual([0, 'same']);
  });

  it('diffs steps by index: computing shifts by the slower kernel’s union', async () => {
    const { pair, base, target } = await load();
    const r = compareProfiles(base, target);
    expect(r.steps.baseline.count).toBe(3);
    expect(r.steps.target.count).toBe(3);
    expect(r.steps.rows).toHaveLength(3);
    let shifted = 0;
    for (const s of r.steps.rows) {
      const id = s.baselineStep!;
      expect(s.targetStep).toBe(id);
      const cb = computingOf(pair.baseline.truth.kernels, id);
      const ct = computingOf(pair.target.truth.kernels, id);
      expect(s.baseline!.computing).toBe(cb);
      expect(s.target!.computing).toBe(ct);
      expect(s.deltaNs!.computing).toBe(ct - cb);
      for (const c of Object.keys(s.deltaNs!) as (keyof typeof s.deltaNs)[])
        expect(s.deltaNs![c]).toBe(s.target![c] - s.baseline![c]);
      if (ct !== cb) shifted++;
    }
    expect(shifted).toBeGreaterThan(0);
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(r.steps.deltaNs!.computing).toBeCloseTo(
      mean(r.steps.rows.map((s) => s.deltaNs!.computing)),
      6,
    );
    const stepMean = r.summary.find((x) => x.id === 'stepMean')!;
    expect(stepMean.baseline).toBe(r.steps.baseline.meanNs);
    expect(stepMean.delta).toBe(r.steps.target.meanNs! - r.steps.baseline.meanNs!);
  });

  it('median of an even step count = mean of the two middle steps (not nearest rank)', async () => {
    const pair = generateComparePair(7, 4);
    const base = await open('baseline.pt.trace.json', pair.baseline.text);
    const target = await open('target.pt.trace.json', pair.target.text);
    const r = compareProfiles(base, target);
    const times = r.steps.rows.map((s) => s.baseline!.stepTime).sort((a, b) => a - b);
    expect(times).toHaveLength(4);
    expect(new Set(times).size).toBe(4);
    expect(r.steps.baseline.medianNs).toBe((times[1]! + times[2]!) / 2);
    const row = r.summary.find((x) => x.id === 'stepMedian')!;
    expect(row.baseline).toBe(r.steps.baseline.medianNs);
    expect(row.title).toMatch(/two middle steps/);
    // p90 stays nearest rank (ceil(0.9 × 4) = 4th), labelled so.
    expect(r.steps.baseline.p90Ns).toBe(times[3]);
  });

  it('every summary row that names a device figure states its definition (busy ≠ the Overview lanes)', async () => {
    // "Device busy" (every device task, copies included) differs from the Ascend Overview's
    // Computing ∪ Communication share: the row must say which it is, and so must the Overview.
    const { base, target } = await load();
    const r = compareProfiles(base, target);
    for (const id of ['busy', 'exposedCommunication', 'idle', 'stepMean'] as const) {
      const row = r.summary.find((x) => x.id === id)!;
      expect(row.title, id).toBeTruthy();
      expect(row.titleMsg, id).toBeDefined();
    }
    expect(r.summary.find((x) => x.id === 'busy')!.title).toMatch(/Union of every device task/);
  });

  it('diffs communication per collective type (NCCL all-reduce, unchanged)', async () => {
    const { pair, base, target } = await load();
    const r = compareProfiles(base, target);
    const nccl = pair.baseline.truth.kernels.filter((k) => k.kind === 'communication');
    expect(r.communication).toHaveLength(1);
    const c = r.communication[0]!;
    expect(c.type).toBe('AllReduce');
    expect(c.baseline!.count).toBe(nccl.length);
    expect(c.baseline!.totalNs).toBe(nccl.reduce((a, k) => a + k.durNs, 0));
    expect(c.deltaNs).toBe(0);
  });

  it('groups by name + input shapes when asked', async () => {
    const { base, target } = await load();
    const r = compareProfiles(base, target, { by: 'shapes', thresholdPct: 0 });
    expect(r.kernels.length).toBeGreaterThan(0);
    for (const k of r.kernels) expect(k.shapes).not.toBeNull();
    const byName = compareProfiles(base, target, { by: 'name', thresholdPct: 0 });
    const total = (rows: typeof r.kernels) => rows.reduce((a, k) => a + k.deltaNs, 0);
    expect(total(r.kernels)).toBe(total(byName.kernels));
  });
});

describe('diffStatus', () => {
  const s = (count: number, totalNs: number) => ({ count, totalNs, meanNs: totalNs / count });
  it('uses the threshold as a percentage of the baseline total', () => {
    expect(diffStatus(s(1, 100), s(1, 105), 5)).toBe('same');
    expect(diffStatus(s(1, 100), s(1, 106), 5)).toBe('slower');
    expect(diffStatus(s(1, 100), s(1, 94), 5)).toBe('faster');
    expect(diffStatus(s(0, 0), s(2, 10), 5)).toBe('added');
    expect(diffStatus(s(2, 10), s(0, 0), 5)).toBe('removed');
  });
});

describe('communication of runs with no shared group', () => {
  it('is compared per collective type, summed over groups', () => {
    const c = (group: string, count: number, totalNs: number, sizeMB: number, timeMs: number) => ({
      key: `allReduce\u0000${group}`,
      type: 'allReduce',
      group,
      count,
      totalNs,
      waitNs: 10,
      transitNs: null,
      bandwidthGBs: sizeMB / timeMs,
      sizeMB,
      timeMs,
    });
    const merged = commByType([c('a', 2, 100, 4, 2), c('b', 1, 50, 2, 2)]);
    expect(merged).toEqual([
      {
        key: 'allReduce\u0000',
        type: 'allReduce',
        group: '',
        count: 3,
        totalNs: 150,
        waitNs: 20,
        transitNs: null,
        bandwidthGBs: 1.5,
        sizeMB: 6,
        timeMs: 4,
      },
    ]);
  });
});
