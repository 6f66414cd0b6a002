/**
 * One side of a comparison: the figures of one profile, read from the analysis layer and the
 * views' own derivations (never recomputed differently):
 * - kernels: the Kernels table (side file or trace) grouped like the Kernels view
 *   ({@link computeKernelStats}), by name or by name + input shapes;
 * - operators: the Operators table grouped like the Overview ({@link computeOperatorStats}:
 *   nested same-name calls counted once in totals), by name or name + input shapes;
 * - steps: the Steps view's rows ({@link stepsData}) and bars ({@link stepBars});
 * - device: the trace's device totals (interval unions, §3.2), else the Overview's device time;
 * - communication: communication.json rows when present, else the trace's collectives.
 */
import type { CommOpRow, KernelTable, OperatorTable, StepRow } from '../ascend-data';
import { analyzeProfile } from '../analysis/analyze';
import { operatorNestingCached } from '../analysis/operator-nesting';
import { computeKernelStats } from '../ascend/kernel-stats';
import { computeOperatorStats, overviewFiguresCached } from '../ascend/overview';
import type { ProfileModel } from '../profile';
import { stepBars, stepsData, type StepBar } from '../derive/steps';

export type CompareKey = 'name' | 'shapes';

export interface GroupStats {
  /** Name, or name + '\u0000' + input shapes. */
  key: string;
  name: string;
  /** Input shapes when grouped by name + shapes, else null. */
  shapes: string | null;
  count: number;
  totalNs: number;
}

export interface DeviceFigures {
  /** 'trace' / 'db' (device events as interval unions) or the Overview's device-time source. */
  source: string;
  busyNs: number;
  computeNs: number;
  /** Communication not overlapped by compute. */
  exposedCommunicationNs: number;
  /** span − busy (HTA idle); Free (span − compute ∪ communication) when only step rows exist. */
  idleNs: number;
}

export interface CommStats {
  /** Collective type (allReduce, AllReduce, broadcast…) + '\u0000' + group. */
  key: string;
  type: string;
  /** Group hash or name ('' when unknown, as in a trace without communication.json). */
  group: string;
  count: number;
  totalNs: number;
  /** Null without communication.json. */
  waitNs: number | null;
  transitNs: number | null;
  /** Σ size / Σ transport time over every transport, GB/s (null when unknown). */
  bandwidthGBs: number | null;
  /** Σ size (MB) and Σ transport time (ms) behind the bandwidth (0 when unknown). */
  sizeMB: number;
  timeMs: number;
}

export interface SideFigures {
  captureNs: number | null;
  kernelsSource: string | null;
  operatorsSource: string | null;
  device: DeviceFigures | null;
  /** Rows of the Steps view (step ids; a whole-capture row '' is not a step). */
  steps: StepRow[];
  stepBars: StepBar[];
  stepsSource: string | null;
  commSource: string | null;
  communication: CommStats[];
}

const splitKey = (parts: string[], by: CompareKey) => ({
  key: parts.join('\u0000'),
  name: parts[0] ?? '',
  shapes: by === 'shapes' ? (parts[1] ?? '') : null,
});

/** Kernel groups as the Kernels view computes them. */
export function kernelGroups(k: KernelTable | null | undefined, by: CompareKey): GroupStats[] {
  if (!k) return [];
  // 'shapes' groups by (type, shapes); a view whose type column is the name gives (name, shapes).
  const rows =
    by === 'name'
      ? computeKernelStats(k, 'name')
      : computeKernelStats({ ...k, type: k.name }, 'shapes');
  return rows.map((r) => ({ ...splitKey(r.parts, by), count: r.count, totalNs: r.totalNs }));
}

/** Operator groups as the Overview computes them (device total; nested same-name calls once). */
export function operatorGroups(o: OperatorTable | null | undefined, by: CompareKey): GroupStats[] {
  if (!o) return [];
  let table = o;
  if (by === 'shapes') {
    const strings: string[] = [];
    const ids = new Map<string, number>();
    const name = new Uint32Array(o.length);
    for (let i = 0; i < o.length; i++) {
      const key = `${o.strings[o.name[i]!] ?? ''}\u0000${o.strings[o.inputShapes[i]!] ?? ''}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = strings.length;
        strings.push(key);
        ids.set(key, id);
      }
      name[i] = id;
    }
    table = { ...o, name, strings, nested: operatorNestingCached(o) };
  }
  return computeOperatorStats(table).map((r) => ({
    ...splitKey(r.name.split('\u0000'), by),
    count: r.count,
    totalNs: r.deviceTotalNs,
  }));
}

/**
 * The collective type of an op name: the second token of `hcom_<type>_…` (msprof-analyze's
 * CommunicationCompare key), the collective of an NCCL kernel (`ncclDevKernel_AllReduce_…`,
 * `ncclKernel_AllGather_…`), else the name itself.
 */
export function collectiveType(name: string): string {
  const h = /^hcom_([A-Za-z0-9]+)_/.exec(name);
  if (h) return h[1]!;
  const n = /^nccl(?:Dev)?Kernel_([A-Za-z0-9]+)/.exec(name);
  if (n) return n[1]!;
  return name;
}

/** MB / ms = GB/s. */
const withBandwidth = (c: CommStats): CommStats => ({
  ...c,
  bandwidthGBs: c.timeMs > 0 ? c.sizeMB / c.timeMs : null,
});

/**
 * The same collectives summed per type over every group (`group` ''): how two runs are aligned
 * when they share no group (different group hashes in different jobs).
 */
export function commByType(stats: readonly CommStats[]): CommStats[] {
  const by = new Map<string, CommStats>();
  const add = (a: number | null, b: number | null) =>
    a === null && b === null ? null : (a ?? 0) + (b ?? 0);
  for (const c of stats) {
    const s = by.get(c.type);
    if (!s) {
      by.set(c.type, { ...c, key: `${c.type}\u0000`, group: '' });
      continue;
    }
    s.count += c.count;
    s.totalNs += c.totalNs;
    s.waitNs = add(s.waitNs, c.waitNs);
    s.transitNs = add(s.transitNs, c.transitNs);
    s.sizeMB += c.sizeMB;
    s.timeMs += c.timeMs;
  }
  return [...by.values()].map(withBandwidth);
}

function commFromRows(rows: readonly CommOpRow[]): CommStats[] {
  const by = new Map<string, CommStats>();
  const add = (a: number | null, ms: number | null) =>
    ms === null || !Number.isFinite(ms) ? a : (a ?? 0) + ms * 1e6;
  for (const r of rows) {
    const type = collectiveType(r.op);
    const key = `${type}\u0000${r.group}`;
    let c = by.get(key);
    if (!c) {
      c = {
        key,
        type,
        group: r.group,
        count: 0,
        totalNs: 0,
        waitNs: null,
        transitNs: null,
        bandwidthGBs: null,
        sizeMB: 0,
        timeMs: 0,
      };
      by.set(key, c);
    }
    c.count++;
    c.totalNs = add(c.totalNs, r.elapseMs) ?? 0;
    c.waitNs = add(c.waitNs, r.waitMs);
    c.transitNs = add(c.transitNs, r.transitMs);
    for (const b of Object.values(r.bandwidth)) {
      if (b.sizeMB !== null && Number.isFinite(b.sizeMB)) c.sizeMB += b.sizeMB;
      if (b.timeMs !== null && Number.isFinite(b.timeMs)) c.timeMs += b.timeMs;
    }
  }
  return [...by.values()].map(withBandwidth);
}

const cache = new WeakMap<ProfileModel, SideFigures>();

/** Everything but the kernel/operator groups (those depend on the grouping key). */
export function sideFigures(p: ProfileModel): SideFigures {
  const hit = cache.get(p);
  if (hit) return hit;
  const a = analyzeProfile(p);
  const ov = overviewFiguresCached(p);
  const t = a.trace?.totals;
  let device: DeviceFigures | null = null;
  if (t) {
    device = {
      source: a.traceSource,
      busyNs: t.busyNs,
      computeNs: t.computeNs,
      exposedCommunicationNs: t.communicationNotOverlappedNs,
      idleNs: t.idleNs,
    };
  } else if (ov.device) {
    const d = ov.device;
    device = {
      source: d.source,
      busyNs: d.busyUs * 1000,
      computeNs: d.computingUs * 1000,
      exposedCommunicationNs: d.communicationNotOverlappedUs * 1000,
      idleNs: d.freeUs * 1000,
    };
  }
  const sd = stepsData(p, 'device');
  const steps = sd.rows.filter((r) => r.step !== '');
  const comm = p.ascend.communication;
  const collectives = a.trace?.collectives ?? [];
  let communication: CommStats[] = [];
  let commSource: string | null = null;
  if (comm && comm.length > 0) {
    communication = commFromRows(comm);
    commSource = p.ascend.sources.communication === 'db' ? 'db' : 'communication.json';
  } else if (collectives.length > 0) {
    const by = new Map<string, CommStats>();
    for (const c of collectives) {
      const type = collectiveType(c.name);
      let s = by.get(type);
      if (!s) {
        s = {
          key: `${type}\u0000`,
          type,
          group: '',
          count: 0,
          totalNs: 0,
          waitNs: null,
          transitNs: null,
          bandwidthGBs: null,
          sizeMB: 0,
          timeMs: 0,
        };
        by.set(type, s);
      }
      s.count++;
      s.totalNs += c.durNs;
    }
    communication = [...by.values()];
    commSource = a.traceSource;
  }
  const f: SideFigures = {
    captureNs: ov.span?.durationNs ?? null,
    kernelsSource: a.kernels?.source ?? null,
    operatorsSource: a.operators?.source ?? null,
    device,
    steps,
    stepBars: stepBars(steps),
    stepsSource: sd.rowsFrom,
    commSource,
    communication,
  };
  cache.set(p, f);
  return f;
}
