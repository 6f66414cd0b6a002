// Shared by the cross-view invariant suite: open inputs as the app does, and check one profile
// against every invariant (production checks, SQL tables, views' figures, extent). Not a test.
import { expect } from 'vitest';
import { openInputs } from '../../src/import/open-inputs';
import { importProfile } from '../../src/import/import-profile';
import { SqlConsole } from '../../src/import/db/sql-console';
import type { InputFile } from '../../src/import/sources/input-file';
import { analyzeProfile } from '../../src/model/analysis/analyze';
import { checkInvariants } from '../../src/model/analysis/invariants';
import { computeKernelStats } from '../../src/model/ascend/kernel-stats';
import { computeOperatorStats, overviewFigures } from '../../src/model/ascend/overview';
import type { ProfileModel } from '../../src/model/profile';
import type { TraceModel } from '../../src/model/trace-model';
import { stepBars, stepsData } from '../../src/model/derive/steps';

export async function openProfiles(files: InputFile[]): Promise<ProfileModel[]> {
  const opened = await openInputs(files);
  const out: ProfileModel[] = [];
  for (const d of opened.discovery.profiles) out.push(await importProfile(d, opened.files));
  return out;
}

function rows(c: SqlConsole, q: string): unknown[][] {
  const r = c.runQuery(q, { limit: 1e8 });
  if (!r.ok) throw new Error(`${q}: ${r.error}`);
  return r.rows;
}

/** Smallest time and largest end over every non-metadata item of the model. */
function extentOf(t: TraceModel): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (a: number, b: number) => {
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  };
  for (const tr of t.sliceTracks) {
    const s = tr.slices;
    for (let i = 0; i < s.length; i++) see(s.start[i]!, s.start[i]! + s.dur[i]!);
  }
  for (const c of t.counters) for (const x of c.ts) see(x, x);
  const inst = [
    t.globalInstants,
    ...t.processes.map((p) => p.instants),
    ...t.threads.map((x) => x.instants),
  ];
  for (const it of inst) for (const x of it.ts) see(x, x);
  return [lo, hi];
}

export interface CheckOptions {
  /** Also require the extent to be tight (starts at the first event, ends at the last). */
  tightExtent?: boolean;
  /** Check the SQL tables (default true). */
  sql?: boolean;
}

/** Every cross-view invariant on one profile; `label` names it in failures. */
export async function checkProfile(p: ProfileModel, label: string, o: CheckOptions = {}) {
  // 1. The production checks (what the Import report shows) find nothing.
  expect(checkInvariants(p), label).toEqual([]);
  const a = analyzeProfile(p);
  // 2. Kernels view total == SQL kernel table == the same slices' durations.
  const c =
    o.sql === false
      ? null
      : (await SqlConsole.open({ trace: p.trace, ascend: p.ascend, dbs: [] })).console;
  try {
    if (a.kernels && c) {
      const k = a.kernels.table;
      const viewTotal = computeKernelStats(k, 'name').reduce((s, r) => s + r.totalNs, 0);
      const [[count, sum]] = rows(c, 'SELECT count(*), coalesce(sum(dur), 0) FROM kernel') as [
        [number, number],
      ];
      expect(count, label).toBe(k.length);
      expect(Math.abs(sum - viewTotal), label).toBeLessThanOrEqual(k.length * 0.5);
      if (p.trace) {
        // The same slices: same start, same name on the timeline (matched here, not in SQL:
        // a correlated subquery over every slice is quadratic in sql.js).
        const first = new Map<string, number>();
        for (const [ts, name, dur] of rows(c, 'SELECT ts, name, dur FROM slice') as [
          number,
          string,
          number,
        ][]) {
          const key = `${ts}|${name}`;
          if (!first.has(key)) first.set(key, dur);
        }
        let matched = 0;
        let kSum = 0;
        let sSum = 0;
        for (const [ts, name, dur] of rows(c, 'SELECT ts, name, dur FROM kernel') as [
          number,
          string,
          number,
        ][]) {
          const d = first.get(`${ts}|${name}`);
          if (d === undefined) continue;
          matched++;
          kSum += dur;
          sSum += d;
        }
        if (k.source === 'trace') {
          expect(matched, label).toBe(k.length);
          expect(sSum, label).toBe(kSum);
        } else if (matched > 0) {
          // kernel_details' µs are rounded to the ns: allow 1 ns per row.
          expect(Math.abs(sSum - kSum), label).toBeLessThanOrEqual(matched);
        }
      }
    }
    // 3. Operators: grouped totals (nested same-name calls once) never exceed the kernel time,
    //    and the SQL operator table gives the same totals.
    if (a.operators) {
      const kernelNs = a.kernels
        ? computeKernelStats(a.kernels.table, 'name').reduce((s, r) => s + r.totalNs, 0)
        : Infinity;
      const groups = computeOperatorStats(a.operators.table);
      for (const g of groups) {
        expect(g.deviceTotalNs, `${label}: ${g.name}`).toBeLessThanOrEqual(
          kernelNs * (1 + 1e-6) + 1000,
        );
        if (p.trace && p.trace.stats.events > 0)
          expect(g.deviceSelfNs, `${label}: ${g.name}`).toBeLessThanOrEqual(
            kernelNs * (1 + 1e-6) + 1000,
          );
      }
      const sql = new Map<string, number>(
        !c
          ? []
          : (
              rows(
                c,
                'SELECT name, sum(device_total) FROM operator WHERE nested = 0 GROUP BY name',
              ) as [string, number][]
            ).map(([n, v]) => [n, v]),
      );
      for (const g of c ? groups.slice(0, 20) : []) {
        expect(
          Math.abs((sql.get(g.name) ?? 0) - g.deviceTotalNs),
          `${label}: ${g.name}`,
        ).toBeLessThanOrEqual(g.count);
      }
    }
  } finally {
    c?.close();
  }
  // 4. Per step: device busy ≤ the device step; C + CNO + Free = the device step.
  for (const s of a.trace?.steps ?? []) {
    const span = s.spanEndNs - s.spanStartNs;
    expect(s.busyNs, `${label} step ${s.id}`).toBeLessThanOrEqual(span);
    expect(s.computeNs + s.communicationNotOverlappedNs + s.freeNs).toBe(span);
  }
  // Steps view: each bar's step time = C + CNO + Free of its row, one number.
  const sd = stepsData(p, 'host');
  for (const [i, b] of stepBars(sd.rows).entries()) {
    const r = sd.rows[i]!;
    const want =
      Math.max(0, (r.computing ?? 0) - Math.max(0, r.overlapped ?? 0)) +
      Math.max(0, r.overlapped ?? 0) +
      Math.max(0, r.communicationNotOverlapped ?? 0) +
      Math.max(0, r.free ?? 0);
    expect(b.stepTime, `${label} step ${r.step}`).toBeCloseTo(want, 6);
  }
  // 5. Overview shares add up to ≤ 100 % and busy fits in the capture.
  const f = overviewFigures(p);
  const shares = f.topKernels.reduce((s, k) => s + k.share, 0);
  expect(shares, label).toBeLessThanOrEqual(1 + 1e-9);
  if (f.device) {
    const d = f.device;
    expect(d.busyUs / (d.busyUs + d.freeUs || 1), label).toBeLessThanOrEqual(1 + 1e-9);
    expect(d.overlappedUs, label).toBeLessThanOrEqual(
      Math.min(d.computingUs, d.communicationUs) + 1e-3,
    );
    if (f.span) expect(d.busyUs * 1000, label).toBeLessThanOrEqual(f.span.durationNs + 1000);
  }
  // 6. The timeline extent contains every non-metadata event (and, when asked, nothing else).
  if (p.trace && p.trace.stats.slices + p.trace.stats.counters > 0) {
    const [lo, hi] = extentOf(p.trace);
    expect(lo, label).toBeGreaterThanOrEqual(0);
    expect(hi, label).toBeLessThanOrEqual(p.trace.endNs);
    if (o.tightExtent) {
      expect(lo, label).toBe(0);
      expect(hi, label).toBe(p.trace.endNs);
    }
  }
}
