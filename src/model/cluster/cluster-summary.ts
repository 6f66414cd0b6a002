/** The `cluster` block of the headless summary (several ranks of one run). */
import { alignOffsets, collectiveArrivals } from './align';
import { analyzeCluster, SLOW_RANK_GAP_RATIO, type GapDimension } from './analyze';

const GAP_KEY: Record<GapDimension, string> = {
  computingUs: 'computing',
  commNotOverlappedUs: 'communicationNotOverlapped',
  freeUs: 'free',
};
import type { RankSummary } from './rank-summary';

export interface ClusterSummary {
  ranks: {
    rank: number;
    path: string;
    host: string | null;
    steps: number;
    stepTimeUs: Record<string, number | null>;
  }[];
  /** The rank the others wait for (see analyze.ts): largest caused wait. */
  slowestRank: number | null;
  /**
   * The rule that found it: 'caused-wait' (largest sum of its peers' waits at the collectives
   * it arrived last at) or 'computing' (no collective to compare: largest mean Computing).
   */
  slowestBy: string | null;
  /**
   * Whether the ranks differ by more than noise (msprof-analyze's slow-rank rule, analyze.ts):
   * false = within noise, slowestRank is then only the largest caused wait, not a slow rank;
   * null = not testable (no step rows of two ranks).
   */
  slowRankSignificant: boolean | null;
  /** The evidence: the step-time dimension with the largest gap between (step, rank) rows. */
  rankGap: {
    dimension: string;
    gapUs: number;
    meanStepUs: number;
    ratio: number;
    threshold: number;
  } | null;
  /** The slowest rank's caused wait, ns, and the collectives it arrived last at (caused-wait). */
  slowestCausedWaitNs: number | null;
  slowestLastAt: number | null;
  /** Caused wait of every rank, ns (0 for ranks that never arrived last). */
  causedWaitNs: Record<string, number>;
  divergentStep: string | null;
  /** Clock offset of each rank against the lowest rank, exact decimal ns (subtract to align). */
  offsetsNs: Record<string, string>;
  /** Where offsets came from: exact trace lanes or communication.json (µs precision). */
  offsetsFrom: 'trace' | 'communication.json' | 'none';
  collectives: number;
}

export function clusterSummary(ranks: RankSummary[]): ClusterSummary {
  const sorted = [...ranks].sort((a, b) => a.rank - b.rank);
  const offsets = alignOffsets(sorted, sorted[0]?.rank);
  const arrivals = collectiveArrivals(sorted, offsets);
  const f = analyzeCluster(sorted, arrivals);
  const sources = new Set(sorted.flatMap((r) => r.collectives.map((c) => c.source)));
  return {
    ranks: sorted.map((r) => ({
      rank: r.rank,
      path: r.path,
      host: r.host,
      steps: r.steps.length,
      stepTimeUs: Object.fromEntries(r.steps.map((s) => [s.step, s.stepTimeUs])),
    })),
    slowestRank: f.slowestRank,
    slowestBy: f.slowestBy,
    slowRankSignificant: f.slowRankSignificant,
    rankGap: f.rankGap && {
      dimension: GAP_KEY[f.rankGap.dimension],
      gapUs: Math.round(f.rankGap.gapUs * 1000) / 1000,
      meanStepUs: Math.round(f.rankGap.meanStepUs * 1000) / 1000,
      ratio: Math.round(f.rankGap.ratio * 10000) / 10000,
      threshold: SLOW_RANK_GAP_RATIO,
    },
    slowestCausedWaitNs:
      f.slowestBy === 'caused-wait' ? (f.causedWaitNs.get(f.slowestRank!) ?? 0) : null,
    slowestLastAt: f.slowestBy === 'caused-wait' ? (f.lastArrivals.get(f.slowestRank!) ?? 0) : null,
    causedWaitNs: Object.fromEntries(
      sorted.map((r) => [String(r.rank), Math.round(f.causedWaitNs.get(r.rank) ?? 0)]),
    ),
    divergentStep: f.divergentStep,
    offsetsNs: Object.fromEntries(
      sorted.map((r) => [String(r.rank), (offsets.get(r.rank) ?? 0n).toString()]),
    ),
    offsetsFrom:
      sources.size === 0
        ? 'none'
        : sources.has('communication.json')
          ? 'communication.json'
          : 'trace',
    collectives: arrivals.length,
  };
}
