/**
 * The cluster overview's figures: a rank × step matrix per metric, per-rank totals, the slowest
 * rank, and the step where ranks diverge most.
 *
 * Slowest rank: the rank that most often arrives last at collectives (everyone else waits for
 * it), counting only collectives whose arrival skew reaches MIN_SKEW_NS (below that the order is
 * noise: communication.json times are µs); without such collectives, the rank with the largest
 * mean Computing per step. Divergent step:
 * the step with the largest spread (max − min) of step time across ranks.
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

export interface ClusterFindings {
  slowestRank: number | null;
  /** How it was decided. */
  slowestBy: 'last-arrivals' | 'computing' | null;
  /** For each rank, how many collectives it arrived last at. */
  lastArrivals: Map<number, number>;
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

export function analyzeCluster(
  ranks: readonly RankSummary[],
  arrivals: readonly CollectiveArrival[],
): ClusterFindings {
  const lastArrivals = new Map<number, number>();
  for (const a of arrivals) {
    if (a.skewNs < MIN_SKEW_NS) continue;
    lastArrivals.set(a.lastRank, (lastArrivals.get(a.lastRank) ?? 0) + 1);
  }
  let slowestRank: number | null = null;
  let slowestBy: ClusterFindings['slowestBy'] = null;
  if (lastArrivals.size > 0) {
    let best = -1;
    for (const [rank, n] of [...lastArrivals].sort((a, b) => a[0] - b[0])) {
      if (n > best) {
        best = n;
        slowestRank = rank;
      }
    }
    slowestBy = 'last-arrivals';
  } else {
    let best = -Infinity;
    for (const r of [...ranks].sort((a, b) => a.rank - b.rank)) {
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
  return { slowestRank, slowestBy, lastArrivals, divergentStep, divergenceUs, totals };
}

function sum(vs: (number | null)[]): number {
  return vs.reduce<number>((a, v) => a + (v ?? 0), 0);
}

function mean(vs: (number | null)[]): number | null {
  const ok = vs.filter((v): v is number => v !== null);
  return ok.length === 0 ? null : ok.reduce((a, v) => a + v, 0) / ok.length;
}
