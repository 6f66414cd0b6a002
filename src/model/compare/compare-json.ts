/**
 * The headless comparison (`ascend-trace-viewer compare`, `npm run compare`): one JSON object
 * whose documented keys (README "Compare two runs") are a stable contract. Times in ns.
 */
import { analyzeProfile } from '../analysis/analyze';
import type { ProfileModel } from '../profile';
import type { CommStats } from './side';
import type { CompareResult, DiffRow } from './compare';

const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

function sideJson(path: string, p: ProfileModel, r: CompareResult, which: 'baseline' | 'target') {
  const d = p.descriptor;
  const f = r[which];
  const s = r.steps[which];
  return {
    path,
    kind: d.kind,
    flavor: analyzeProfile(p).trace?.flavor ?? null,
    rank: d.rank,
    level: d.level,
    exportType: d.exportType,
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

export function compareJson(
  r: CompareResult,
  base: { path: string; profile: ProfileModel },
  target: { path: string; profile: ProfileModel },
): Record<string, unknown> {
  return {
    baseline: sideJson(base.path, base.profile, r, 'baseline'),
    target: sideJson(target.path, target.profile, r, 'target'),
    options: r.options,
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
  };
}
