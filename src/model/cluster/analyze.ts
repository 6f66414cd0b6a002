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

/** The rule the slowest rank was found by: see the file header. */
export type SlowestBy = 'caused-wait' | 'computing';

export interface ClusterFindings {
  slowestRank: number | null;
  /** How it was decided (null: not enough data). */
  slowestBy: SlowestBy | null;
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
