/**
 * The headless comparison (`ascend-trace-viewer compare`, `npm run compare`): one JSON object
 * whose documented keys (README "Compare two runs") are a stable contract. Times in ns.
 */
import { analyzeProfile } from '../analysis/analyze';
import type { ProfileModel } from '../profile';
import type { CommStats } from './side';
import type { CompareResult, DiffRow } from './compare';

const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

/** What the JSON says about one side: the input and the profile(s) it compares. */
export interface CompareSideInfo {
  path: string;
  kind: string;
  flavor: string | null;
  rank: number | null;
  level: string | null;
  exportType: string | null;
  /** The compared profile's id (its folder in the input); with --aggregate, every rank's. */
  profiles: string[];
  /** With --aggregate: the ranks folded into this side (null ranks left out). */
  ranks?: number[];
}

export function sideInfo(path: string, p: ProfileModel): CompareSideInfo {
  const d = p.descriptor;
  return {
    path,
    kind: d.kind,
    flavor: analyzeProfile(p).trace?.flavor ?? null,
    rank: d.rank,
    level: d.level,
    exportType: d.exportType,
    profiles: [d.id],
  };
}

function sideJson(info: CompareSideInfo, r: CompareResult, which: 'baseline' | 'target') {
  const f = r[which];
  const s = r.steps[which];
  return {
    path: info.path,
    kind: info.kind,
    flavor: info.flavor,
    rank: info.rank,
    level: info.level,
    exportType: info.exportType,
    profiles: info.profiles,
    ...(info.ranks ? { ranks: info.ranks } : {}),
    steps: {
      count: s.count,
      meanNs: s.meanNs,
      medianNs: s.medianNs,
      p90Ns: s.p90Ns,
      source: f.stepsSource,
    },
    sources: {
      kernels: f.kernelsSource,
      operators: f.operatorsSource,
      device: f.device?.source ?? null,
      communication: f.commSource,
    },
  };
}

const diffJson = (rows: readonly DiffRow[]) =>
  rows.map((x) => ({
    name: x.name,
    ...(x.shapes !== null ? { shapes: x.shapes } : {}),
    baseline: { count: x.baseline.count, totalNs: x.baseline.totalNs },
    target: { count: x.target.count, totalNs: x.target.totalNs },
    deltaNs: x.deltaNs,
    deltaMeanNs: finite(x.deltaMeanNs),
    status: x.status,
  }));

const commJson = (c: CommStats | null) =>
  c && {
    count: c.count,
    totalNs: c.totalNs,
    waitNs: c.waitNs,
    transitNs: c.transitNs,
    bandwidthGBs: c.bandwidthGBs,
  };

/** One rank of an aggregated comparison, matched by rank (or position) on both sides. */
export interface PerRankRow {
  rank: number | null;
  baselineProfile: string | null;
  targetProfile: string | null;
  baseline: { stepMeanNs: number | null; busyNs: number | null } | null;
  target: { stepMeanNs: number | null; busyNs: number | null } | null;
  /** Δ mean step time (null unless both sides have it). */
  deltaStepMeanNs: number | null;
}

export function compareJson(
  r: CompareResult,
  base: CompareSideInfo,
  target: CompareSideInfo,
  extra: { aggregate?: boolean; perRank?: PerRankRow[] } = {},
): Record<string, unknown> {
  return {
    baseline: sideJson(base, r, 'baseline'),
    target: sideJson(target, r, 'target'),
    options: { ...r.options, ...(extra.aggregate ? { aggregate: true } : {}) },
    summary: r.summary.map((s) => ({
      id: s.id,
      unit: s.unit,
      baseline: s.baseline,
      target: s.target,
      delta: s.delta,
      deltaPct: s.deltaPct,
    })),
    kernels: diffJson(r.kernels),
    operators: diffJson(r.operators),
    steps: {
      baseline: r.steps.baseline.meanByCategoryNs,
      target: r.steps.target.meanByCategoryNs,
      deltaNs: r.steps.deltaNs,
      perStep: r.steps.rows.map((s) => ({
        index: s.index,
        baselineStep: s.baselineStep,
        targetStep: s.targetStep,
        baseline: s.baseline,
        target: s.target,
        deltaNs: s.deltaNs,
      })),
    },
    communication: r.communication.map((c) => ({
      type: c.type,
      group: c.group,
      baseline: commJson(c.baseline),
      target: commJson(c.target),
      deltaNs: c.deltaNs,
    })),
    ...(extra.perRank ? { perRank: extra.perRank } : {}),
  };
}
