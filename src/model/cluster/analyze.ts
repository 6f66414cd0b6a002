/**
 * The cluster overview's figures: a rank × step matrix per metric, per-rank totals, the slowest
 * rank, and the step where ranks diverge most.
 *
 * Slowest rank (analysis-definitions §6.2): the rank the others wait for. At each collective the
 * members that arrived before the last one wait for it, each for its arrival gap to the last one
 * (aligned starts); the last arriver *causes* the sum of those waits. A rank's caused wait is
 * that sum over the collectives it arrived last at; the slowest rank causes the most. Only
 * collectives whose arrival skew reaches MIN_SKEW_NS name a last arriver (below that the order
 * is noise: communication.json times are µs). Ties go to the rank that itself waited least
 * (communication.json Wait Time; the rule msprof's slow-rank analysis uses), then the lower rank:
 * never to step time, which the waiting itself inflates. Without such collectives, the rank with
 * the largest mean Computing per step (compute is not inflated by waiting).
 *
 *   rank 0 |──compute──|···wait 5.6 ms···|■■|     rank 1 arrives last: caused wait 5.6 ms
 *   rank 1 |──compute──────────────────|■■|
 *
 * Within noise: a slow rank is only *named* when the ranks differ by more than noise, by
 * msprof-analyze's slow-rank rule (analysis-definitions §6.2; MA advisor slow_rank_analyzer.py):
 * over every (step, rank) row, for each of Computing, Communication(Not Overlapped) and Free,
 * (max − min) ÷ mean(Computing + Communication(Not Overlapped) + Free) > 0.05. When no dimension
 * passes, the ranks are within noise: the caused-wait ranking is still reported, but no rank is
 * called slow. Without step rows of two ranks the test cannot run (null) and the rank is named.
 *
 * Divergent step: the step with the largest spread (max − min) of step time across ranks.
 */
import type { CollectiveArrival } from './align';
import type { RankStep, RankSummary } from './rank-summary';

export type ClusterMetric =
  'stepTimeUs' | 'computingUs' | 'commNotOverlappedUs' | 'freeUs' | 'preparingUs';

export const CLUSTER_METRICS: { id: ClusterMetric; label: string }[] = [
  { id: 'stepTimeUs', label: 'Step time' },
  { id: 'computingUs', label: 'Computing' },
  { id: 'commNotOverlappedUs', label: 'Communication (not overlapped)' },
  { id: 'freeUs', label: 'Free' },
  { id: 'preparingUs', label: 'Preparing' },
];

export interface ClusterMatrix {
  ranks: number[];
  steps: string[];
  /** values[rankIndex][stepIndex] (µs), null where missing. */
  values: (number | null)[][];
}

export function clusterMatrix(ranks: readonly RankSummary[], metric: ClusterMetric): ClusterMatrix {
  const steps = [...new Set(ranks.flatMap((r) => r.steps.map((s) => s.step)))].sort(stepOrder);
  const sorted = [...ranks].sort((a, b) => a.rank - b.rank);
  return {
    ranks: sorted.map((r) => r.rank),
    steps,
    values: sorted.map((r) => {
      const by = new Map<string, RankStep>(r.steps.map((s) => [s.step, s]));
      return steps.map((st) => by.get(st)?.[metric] ?? null);
    }),
  };
}

function stepOrder(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.localeCompare(b);
}

/** Arrival skew below which a collective names no last arriver (communication.json is µs). */
export const MIN_SKEW_NS = 1000;

/** msprof-analyze's slow-rank threshold: (max − min) ÷ mean step time of a dimension. */
export const SLOW_RANK_GAP_RATIO = 0.05;

export type GapDimension = 'computingUs' | 'commNotOverlappedUs' | 'freeUs';

/** The largest gap between ranks of one step-time dimension (msprof-analyze's slow-rank rule). */
export interface RankGap {
  dimension: GapDimension;
  /** max − min of the dimension over every (step, rank) row, µs. */
  gapUs: number;
  /** Mean over the rows of Computing + Communication(Not Overlapped) + Free, µs. */
  meanStepUs: number;
  /** gapUs ÷ meanStepUs. */
  ratio: number;
}

/** The rule the slowest rank was found by: see the file header. */
export type SlowestBy = 'caused-wait' | 'computing';

export interface ClusterFindings {
  slowestRank: number | null;
  /** How it was decided (null: not enough data). */
  slowestBy: SlowestBy | null;
  /**
   * The ranks' largest step-time gap (msprof-analyze's rule); null without step rows of two
   * ranks.
   */
  rankGap: RankGap | null;
  /**
   * Whether the slowest rank stands out from noise: rankGap.ratio > SLOW_RANK_GAP_RATIO; null
   * when the test cannot run (no rankGap). When false, views say "within noise" instead of
   * naming slowestRank.
   */
  slowRankSignificant: boolean | null;
  /** For each rank, how many collectives it arrived last at (skew ≥ MIN_SKEW_NS). */
  lastArrivals: Map<number, number>;
  /**
   * For each rank, the wait it caused, ns: over the collectives it arrived last at, the sum of
   * its peers' arrival gaps to it (aligned starts). Ranks that never arrived last have 0.
   */
  causedWaitNs: Map<number, number>;
  /** For each rank, its own wait in collectives (communication.json Wait Time), ns; null unknown. */
  ownWaitNs: Map<number, number | null>;
  /** Collectives that name a last arriver (≥ 2 members, skew ≥ MIN_SKEW_NS). */
  skewedCollectives: number;
  divergentStep: string | null;
  divergenceUs: number;
  totals: {
    rank: number;
    stepTimeUs: number;
    computingUs: number;
    commNotOverlappedUs: number;
    freeUs: number;
  }[];
}

/** Caused wait per rank and the number of collectives that name a last arriver. */
export function causedWaits(arrivals: readonly CollectiveArrival[]): {
  causedWaitNs: Map<number, number>;
  lastArrivals: Map<number, number>;
  skewed: number;
} {
  const causedWaitNs = new Map<number, number>();
  const lastArrivals = new Map<number, number>();
  let skewed = 0;
  for (const a of arrivals) {
    if (a.skewNs < MIN_SKEW_NS) continue;
    skewed++;
    const last = a.starts.get(a.lastRank)!;
    let waited = 0;
    for (const [rank, t] of a.starts) if (rank !== a.lastRank) waited += Number(last - t);
    causedWaitNs.set(a.lastRank, (causedWaitNs.get(a.lastRank) ?? 0) + waited);
    lastArrivals.set(a.lastRank, (lastArrivals.get(a.lastRank) ?? 0) + 1);
  }
  return { causedWaitNs, lastArrivals, skewed };
}

const GAP_DIMENSIONS: readonly GapDimension[] = ['computingUs', 'commNotOverlappedUs', 'freeUs'];

/**
 * msprof-analyze's slow-rank figures over every (step, rank) row that has all three of
 * Computing, Communication(Not Overlapped) and Free: per dimension (max − min) ÷ mean of their
 * sum; the dimension with the largest ratio. Null unless two ranks have such rows.
 */
export function rankGap(ranks: readonly RankSummary[]): RankGap | null {
  const rows: Record<GapDimension, number>[] = [];
  const withRows = new Set<number>();
  for (const r of ranks)
    for (const s of r.steps) {
      const c = s.computingUs;
      const n = s.commNotOverlappedUs;
      const f = s.freeUs;
      if (c === null || n === null || f === null) continue;
      rows.push({ computingUs: c, commNotOverlappedUs: n, freeUs: f });
      withRows.add(r.rank);
    }
  if (withRows.size < 2) return null;
  const meanStepUs =
    rows.reduce((a, x) => a + x.computingUs + x.commNotOverlappedUs + x.freeUs, 0) / rows.length;
  let best: RankGap | null = null;
  for (const d of GAP_DIMENSIONS) {
    const v = rows.map((x) => x[d]);
    const gapUs = Math.max(...v) - Math.min(...v);
    const ratio = meanStepUs > 0 ? gapUs / meanStepUs : 0;
    if (!best || ratio > best.ratio) best = { dimension: d, gapUs, meanStepUs, ratio };
  }
  return best;
}

function ownWait(r: RankSummary): number | null {
  let sum: number | null = null;
  for (const c of r.collectives)
    if (c.waitNs !== null && Number.isFinite(c.waitNs)) sum = (sum ?? 0) + c.waitNs;
  return sum;
}

export function analyzeCluster(
  ranks: readonly RankSummary[],
  arrivals: readonly CollectiveArrival[],
): ClusterFindings {
  const { causedWaitNs, lastArrivals, skewed } = causedWaits(arrivals);
  const byRank = [...ranks].sort((a, b) => a.rank - b.rank);
  const ownWaitNs = new Map(byRank.map((r) => [r.rank, ownWait(r)]));
  let slowestRank: number | null = null;
  let slowestBy: ClusterFindings['slowestBy'] = null;
  if (causedWaitNs.size > 0) {
    const own = (r: number) => ownWaitNs.get(r) ?? Infinity;
    const order = [...causedWaitNs].sort(
      ([ra, wa], [rb, wb]) => wb - wa || own(ra) - own(rb) || ra - rb,
    );
    slowestRank = order[0]![0];
    slowestBy = 'caused-wait';
  } else {
    let best = -Infinity;
    for (const r of byRank) {
      const v = mean(r.steps.map((s) => s.computingUs));
      if (v !== null && v > best) {
        best = v;
        slowestRank = r.rank;
        slowestBy = 'computing';
      }
    }
  }
  const gap = rankGap(byRank);
  const m = clusterMatrix(ranks, 'stepTimeUs');
  let divergentStep: string | null = null;
  let divergenceUs = 0;
  m.steps.forEach((st, j) => {
    const col = m.values
      .map((row) => row[j])
      .filter((v): v is number => v !== null && v !== undefined);
    if (col.length < 2) return;
    const spread = Math.max(...col) - Math.min(...col);
    if (spread > divergenceUs) {
      divergenceUs = spread;
      divergentStep = st;
    }
  });
  const totals = [...ranks]
    .sort((a, b) => a.rank - b.rank)
    .map((r) => ({
      rank: r.rank,
      stepTimeUs: sum(r.steps.map((s) => s.stepTimeUs)),
      computingUs: sum(r.steps.map((s) => s.computingUs)),
      commNotOverlappedUs: sum(r.steps.map((s) => s.commNotOverlappedUs)),
      freeUs: sum(r.steps.map((s) => s.freeUs)),
    }));
  return {
    slowestRank,
    slowestBy,
    rankGap: gap,
    slowRankSignificant:
      gap === null || slowestRank === null ? null : gap.ratio > SLOW_RANK_GAP_RATIO,
    lastArrivals,
    causedWaitNs,
    ownWaitNs,
    skewedCollectives: skewed,
    divergentStep,
    divergenceUs,
    totals,
  };
}

function sum(vs: (number | null)[]): number {
  return vs.reduce<number>((a, v) => a + (v ?? 0), 0);
}

function mean(vs: (number | null)[]): number | null {
  const ok = vs.filter((v): v is number => v !== null);
  return ok.length === 0 ? null : ok.reduce((a, v) => a + v, 0) / ok.length;
}
