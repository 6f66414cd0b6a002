/**
 * Baseline vs target (analysis-definitions.md §9): every figure is read from each side's
 * analysis ({@link sideFigures}, {@link kernelGroups}, {@link operatorGroups}); Δ = target −
 * baseline and Δ% = Δ ÷ baseline (null when the baseline is 0), as msprof-analyze's compare tool.
 *
 * Row status (kernels, operators): `added` (absent or 0 calls in the baseline), `removed` (absent
 * in the target), else `same` when |Δ total| ≤ threshold % of the baseline total, else `slower`
 * (Δ > 0) or `faster`. Unlike HTA's ops_diff (counts), the status follows time.
 */
import { msg, type Message } from '../../lib/message';
import { percentileSorted } from '../ascend/kernel-stats';
import type { ProfileModel } from '../profile';
import type { StepRow } from '../ascend-data';
import type { StepBar } from '../derive/steps';
import { analyzeProfile } from '../analysis/analyze';
import {
  commByType,
  kernelGroups,
  operatorGroups,
  sideFigures,
  type CommStats,
  type CompareKey,
  type GroupStats,
  type SideFigures,
} from './side';

export type DiffStatus = 'added' | 'removed' | 'faster' | 'slower' | 'same';

export interface SideStats {
  count: number;
  totalNs: number;
  /** totalNs / count (NaN when count is 0). */
  meanNs: number;
}

export interface DiffRow {
  key: string;
  name: string;
  shapes: string | null;
  /** Zero counts and times on the side where the row is absent. */
  baseline: SideStats;
  target: SideStats;
  deltaNs: number;
  /** Δ mean (NaN when either side has no calls). */
  deltaMeanNs: number;
  /** Δ ÷ baseline total (null when the baseline total is 0). */
  deltaPct: number | null;
  status: DiffStatus;
}

export interface CompareOptions {
  by: CompareKey;
  /** |Δ total| ≤ this % of the baseline total counts as `same`. */
  thresholdPct: number;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { by: 'name', thresholdPct: 5 };

export interface SummaryRow {
  id: string;
  label: string;
  title?: string;
  /** `label` and `title` as interface messages. */
  labelMsg: Message;
  titleMsg?: Message;
  /** ns, or a plain number for counts (`unit`). */
  unit: 'ns' | 'count';
  baseline: number | null;
  target: number | null;
  delta: number | null;
  deltaPct: number | null;
}

export const STEP_CATEGORIES = [
  'stepTime',
  'computing',
  'overlapped',
  'communicationNotOverlapped',
  'free',
  'preparing',
] as const;
export type StepCategory = (typeof STEP_CATEGORIES)[number];
export type StepFigures = Record<StepCategory, number>;

export interface StepsSide {
  count: number;
  meanNs: number | null;
  medianNs: number | null;
  p90Ns: number | null;
  /** Mean per step of each breakdown category, ns. */
  meanByCategoryNs: StepFigures | null;
}

export interface StepDiffRow {
  index: number;
  baselineStep: string | null;
  targetStep: string | null;
  baseline: StepFigures | null;
  target: StepFigures | null;
  /** target − baseline per category (null unless both sides have the step). */
  deltaNs: StepFigures | null;
  baselineBar: StepBar | null;
  targetBar: StepBar | null;
}

export interface CommDiffRow {
  key: string;
  type: string;
  group: string;
  baseline: CommStats | null;
  target: CommStats | null;
  deltaNs: number;
}

/**
 * One side as the comparison reads it: its figures, its kernel and operator groups, and its
 * steps in index order (each with its id, figures in ns, and its bar; no bar when aggregated
 * over ranks).
 */
export interface CompareSide {
  figures: SideFigures;
  kernels: GroupStats[];
  operators: GroupStats[];
  steps: { id: string; figures: StepFigures; bar: StepBar | null }[];
}

export interface CompareResult {
  options: CompareOptions;
  baseline: SideFigures;
  target: SideFigures;
  summary: SummaryRow[];
  kernels: DiffRow[];
  operators: DiffRow[];
  steps: {
    baseline: StepsSide;
    target: StepsSide;
    deltaNs: StepFigures | null;
    rows: StepDiffRow[];
  };
  communication: CommDiffRow[];
}

const sideStats = (g: GroupStats | undefined): SideStats =>
  g
    ? { count: g.count, totalNs: g.totalNs, meanNs: g.count > 0 ? g.totalNs / g.count : NaN }
    : { count: 0, totalNs: 0, meanNs: NaN };

export function diffStatus(b: SideStats, t: SideStats, thresholdPct: number): DiffStatus {
  if (b.count === 0 && t.count > 0) return 'added';
  if (t.count === 0 && b.count > 0) return 'removed';
  const d = t.totalNs - b.totalNs;
  if (Math.abs(d) <= (Math.max(0, thresholdPct) / 100) * Math.abs(b.totalNs)) return 'same';
  return d > 0 ? 'slower' : 'faster';
}

/** One row per key of either side, sorted by |Δ total| descending, then key. */
export function diffGroups(
  base: readonly GroupStats[],
  target: readonly GroupStats[],
  thresholdPct: number,
): DiffRow[] {
  const b = new Map(base.map((g) => [g.key, g]));
  const t = new Map(target.map((g) => [g.key, g]));
  const keys = new Set([...b.keys(), ...t.keys()]);
  const out: DiffRow[] = [];
  for (const key of keys) {
    const gb = b.get(key);
    const gt = t.get(key);
    const g = (gb ?? gt)!;
    const bs = sideStats(gb);
    const ts = sideStats(gt);
    const deltaNs = ts.totalNs - bs.totalNs;
    out.push({
      key,
      name: g.name,
      shapes: g.shapes,
      baseline: bs,
      target: ts,
      deltaNs,
      deltaMeanNs: ts.meanNs - bs.meanNs,
      deltaPct: bs.totalNs !== 0 ? (deltaNs / bs.totalNs) * 100 : null,
      status: diffStatus(bs, ts, thresholdPct),
    });
  }
  return out.sort(
    (x, y) =>
      Math.abs(y.deltaNs) - Math.abs(x.deltaNs) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  );
}

const ns = (us: number | null) => (us === null || !Number.isFinite(us) ? 0 : Math.round(us * 1000));

/** One step's figures in ns: the Steps view's row (file or trace) and its bar's step time. */
function stepFigures(row: StepRow, bar: StepBar): StepFigures {
  return {
    stepTime: ns(bar.stepTime),
    computing: ns(row.computing),
    overlapped: ns(row.overlapped),
    communicationNotOverlapped: ns(row.communicationNotOverlapped),
    free: ns(row.free),
    preparing: ns(row.preparing),
  };
}

/** A profile as one side of a comparison, rows grouped by `by`. */
export function compareSide(p: ProfileModel, by: CompareKey): CompareSide {
  const f = sideFigures(p);
  const a = analyzeProfile(p);
  return {
    figures: f,
    kernels: kernelGroups(a.kernels?.table, by),
    operators: operatorGroups(a.operators?.table, by),
    steps: f.steps.map((r, i) => ({
      id: r.step,
      figures: stepFigures(r, f.stepBars[i]!),
      bar: f.stepBars[i]!,
    })),
  };
}

const figuresOf = (side: CompareSide): StepFigures[] => side.steps.map((x) => x.figures);

const minus = (a: StepFigures, b: StepFigures): StepFigures =>
  Object.fromEntries(STEP_CATEGORIES.map((c) => [c, a[c] - b[c]])) as StepFigures;

/**
 * The median of an ascending array: the middle value, or the mean of the two middle values when
 * the count is even (numpy, pandas, Python's statistics.median, HTA's pandas-based figures);
 * nearest-rank (the lower middle) would make the median of two steps the faster one.
 */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/**
 * Step count, mean / median / p90 step time and the mean per category of one side (median: the
 * mean of the two middle steps for an even count; p90: nearest rank).
 */
export function stepsSide(side: CompareSide): StepsSide {
  const figs = figuresOf(side);
  const n = figs.length;
  if (n === 0)
    return { count: 0, meanNs: null, medianNs: null, p90Ns: null, meanByCategoryNs: null };
  const sorted = Float64Array.from(figs, (x) => x.stepTime).sort();
  const mean = Object.fromEntries(
    STEP_CATEGORIES.map((c) => [c, figs.reduce((a, x) => a + x[c], 0) / n]),
  ) as StepFigures;
  return {
    count: n,
    meanNs: mean.stepTime,
    medianNs: medianSorted(sorted),
    p90Ns: percentileSorted(sorted, 0.9),
    meanByCategoryNs: mean,
  };
}

function stepRows(b: CompareSide, t: CompareSide): StepDiffRow[] {
  const n = Math.max(b.steps.length, t.steps.length);
  const out: StepDiffRow[] = [];
  for (let i = 0; i < n; i++) {
    const bs = b.steps[i];
    const ts = t.steps[i];
    const bf = bs?.figures ?? null;
    const tf = ts?.figures ?? null;
    out.push({
      index: i,
      baselineStep: bs?.id ?? null,
      targetStep: ts?.id ?? null,
      baseline: bf,
      target: tf,
      deltaNs: bf && tf ? minus(tf, bf) : null,
      baselineBar: bs?.bar ?? null,
      targetBar: ts?.bar ?? null,
    });
  }
  return out;
}

function commRows(bIn: readonly CommStats[], tIn: readonly CommStats[]): CommDiffRow[] {
  // Two runs (or ranks of different groups) that share no group are compared per type.
  const shared = bIn.some((c) => tIn.some((d) => d.key === c.key));
  const b = shared || bIn.length === 0 || tIn.length === 0 ? bIn : commByType(bIn);
  const t = shared || bIn.length === 0 || tIn.length === 0 ? tIn : commByType(tIn);
  const bm = new Map(b.map((c) => [c.key, c]));
  const tm = new Map(t.map((c) => [c.key, c]));
  const out: CommDiffRow[] = [];
  for (const key of new Set([...bm.keys(), ...tm.keys()])) {
    const cb = bm.get(key) ?? null;
    const ct = tm.get(key) ?? null;
    const c = (cb ?? ct)!;
    out.push({
      key,
      type: c.type,
      group: c.group,
      baseline: cb,
      target: ct,
      deltaNs: (ct?.totalNs ?? 0) - (cb?.totalNs ?? 0),
    });
  }
  return out.sort(
    (x, y) =>
      Math.abs(y.deltaNs) - Math.abs(x.deltaNs) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  );
}

type SummaryId =
  | 'capture'
  | 'steps'
  | 'stepMean'
  | 'stepMedian'
  | 'stepP90'
  | 'busy'
  | 'compute'
  | 'exposedCommunication'
  | 'idle';

/** The summary rows' names and explanations as messages, by row id. */
const SUMMARY_MSG: Record<SummaryId, { label: Message; title?: Message }> = {
  capture: { label: msg('compare:row_capture') },
  steps: { label: msg('compare:row_steps') },
  stepMean: { label: msg('compare:row_step_mean'), title: msg('compare:row_step_time_title') },
  stepMedian: {
    label: msg('compare:row_step_median'),
    title: msg('compare:row_step_median_title'),
  },
  stepP90: { label: msg('compare:row_step_p90'), title: msg('compare:row_step_p90_title') },
  busy: { label: msg('compare:row_busy'), title: msg('compare:row_busy_title') },
  compute: { label: msg('compare:row_compute') },
  exposedCommunication: {
    label: msg('compare:row_exposed_communication'),
    title: msg('compare:row_exposed_communication_title'),
  },
  idle: { label: msg('compare:row_idle'), title: msg('compare:row_idle_title') },
};

function summaryRow(
  id: SummaryId,
  label: string,
  unit: SummaryRow['unit'],
  b: number | null | undefined,
  t: number | null | undefined,
  title?: string,
): SummaryRow {
  const m = SUMMARY_MSG[id];
  const bv = b ?? null;
  const tv = t ?? null;
  const delta = bv !== null && tv !== null ? tv - bv : null;
  return {
    id,
    label,
    labelMsg: m.label,
    ...(m.title ? { titleMsg: m.title } : {}),
    unit,
    title,
    baseline: bv,
    target: tv,
    delta,
    deltaPct: delta !== null && bv !== null && bv !== 0 ? (delta / bv) * 100 : null,
  };
}

export function compareProfiles(
  base: ProfileModel,
  target: ProfileModel,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): CompareResult {
  return compareSides(compareSide(base, options.by), compareSide(target, options.by), options);
}

/** Baseline vs target from two sides (one profile each, or ranks aggregated: aggregate.ts). */
export function compareSides(
  b: CompareSide,
  t: CompareSide,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): CompareResult {
  const bf = b.figures;
  const tf = t.figures;
  const bs = stepsSide(b);
  const ts = stepsSide(t);
  const step = 'Step time = Computing + Communication (not overlapped) + Free on the device';
  return {
    options,
    baseline: bf,
    target: tf,
    summary: [
      summaryRow('capture', 'Capture', 'ns', bf.captureNs, tf.captureNs),
      summaryRow('steps', 'Steps', 'count', bs.count, ts.count),
      summaryRow('stepMean', 'Step time, mean', 'ns', bs.meanNs, ts.meanNs, step),
      summaryRow(
        'stepMedian',
        'Step time, median',
        'ns',
        bs.medianNs,
        ts.medianNs,
        `${step}; median of an even count = mean of the two middle steps`,
      ),
      summaryRow('stepP90', 'Step time, p90', 'ns', bs.p90Ns, ts.p90Ns, `${step} (nearest rank)`),
      summaryRow(
        'busy',
        'Device busy',
        'ns',
        bf.device?.busyNs,
        tf.device?.busyNs,
        'Union of every device task (copies included); where a profile has no trace: Computing + Communication (not overlapped) from its step files',
      ),
      summaryRow('compute', 'Compute', 'ns', bf.device?.computeNs, tf.device?.computeNs),
      summaryRow(
        'exposedCommunication',
        'Exposed communication',
        'ns',
        bf.device?.exposedCommunicationNs,
        tf.device?.exposedCommunicationNs,
        'Communication not overlapped by compute',
      ),
      summaryRow('idle', 'Idle', 'ns', bf.device?.idleNs, tf.device?.idleNs, 'Device span − busy'),
    ],
    kernels: diffGroups(b.kernels, t.kernels, options.thresholdPct),
    operators: diffGroups(b.operators, t.operators, options.thresholdPct),
    steps: {
      baseline: bs,
      target: ts,
      deltaNs:
        bs.meanByCategoryNs && ts.meanByCategoryNs
          ? minus(ts.meanByCategoryNs, bs.meanByCategoryNs)
          : null,
      rows: stepRows(b, t),
    },
    communication: commRows(bf.communication, tf.communication),
  };
}
