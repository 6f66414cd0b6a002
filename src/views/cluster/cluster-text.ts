/** Wording and number formats of the cluster view (pure, tested). */
import { MIN_SKEW_NS, type ClusterMetric } from '../../model/cluster/analyze';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { formatRankSet } from '../../model/cluster/groups';
import { formatDuration } from '../../lib/format';

export const METRIC_LABELS: Record<ClusterMetric, { short: string; long: string }> = {
  stepTimeUs: {
    short: 'Step time',
    long: 'Step time (Computing + Communication not overlapped + Free)',
  },
  computingUs: { short: 'Computing', long: 'Computing' },
  commNotOverlappedUs: { short: 'Comm. not overlapped', long: 'Communication not overlapped' },
  freeUs: { short: 'Free', long: 'Free (device idle)' },
  preparingUs: { short: 'Preparing', long: 'Preparing (step start to first device task)' },
};

/** A µs value as a duration ("599.3 µs", "1.23 ms"); '–' when missing. */
export const formatUs = (us: number | null | undefined): string =>
  us === null || us === undefined || !Number.isFinite(us) ? '–' : formatDuration(us * 1000);

/** "+9.1%", "−3.0%", "±0%". */
export function formatDeviation(f: number): string {
  if (!Number.isFinite(f)) return '–';
  const p = f * 100;
  if (Math.abs(p) < 0.05) return '±0%';
  return `${p > 0 ? '+' : '−'}${Math.abs(p).toFixed(Math.abs(p) < 10 ? 1 : 0)}%`;
}

/** Steps as a compact range: "10–11", "1, 3, 5", "(whole capture)". */
export function formatSteps(steps: readonly string[]): string {
  if (steps.length === 0) return 'none';
  if (steps.length === 1 && steps[0] === '') return '(whole capture)';
  if (steps.every((s) => /^\d+$/.test(s))) return formatRankSet(steps.map(Number));
  return steps.length <= 4 ? steps.join(', ') : `${steps[0]} … ${steps[steps.length - 1]}`;
}

export const rankName = (rank: number, host: string | null | undefined): string =>
  host ? `rank ${rank} (${host})` : `rank ${rank}`;

/** How the slowest rank was decided, as a short phrase. */
export function slowestReason(m: ClusterModel): string {
  const f = m.findings;
  if (f.slowestRank === null) return 'not enough data';
  if (f.slowestBy === 'last-arrivals') {
    const n = f.lastArrivals.get(f.slowestRank) ?? 0;
    const skewed = m.arrivals.filter((a) => a.skewNs >= MIN_SKEW_NS).length;
    const of = `${skewed} collective${skewed === 1 ? '' : 's'}`;
    return `arrived last at ${n} of ${of}${skewed < m.arrivals.length ? ' with a skew ≥ 1 µs' : ''}`;
  }
  return 'largest mean Computing per step (no collectives to compare arrivals)';
}

/**
 * One sentence naming who held the run back and by how much, e.g. "Rank 5 (node1) held the
 * others back: it arrived last at 2 of 2 collectives, and its peers waited up to 112 µs."
 */
export function headline(m: ClusterModel): string | null {
  const f = m.findings;
  if (f.slowestRank === null) return null;
  const who = rankName(f.slowestRank, m.hosts.get(f.slowestRank));
  const cap = who.charAt(0).toUpperCase() + who.slice(1);
  if (f.slowestBy === 'last-arrivals') {
    const mine = m.collectives.filter((c) => c.lastRank === f.slowestRank);
    const maxSkew = mine.reduce((a, c) => Math.max(a, c.skewNs), 0);
    const tail = maxSkew > 0 ? `, and its peers waited up to ${formatDuration(maxSkew)}` : '';
    return `${cap} held the others back: it ${slowestReason(m)}${tail}.`;
  }
  return `${cap} is the slowest: it has the ${slowestReason(m)}.`;
}

/**
 * Offset of each host (median of its ranks' effective offsets), for the facts strip; each rank
 * stands for itself ("rank 3") when hosts are unknown.
 */
export function hostOffsets(m: ClusterModel): { host: string; offsetNs: bigint }[] {
  const by = new Map<string, bigint[]>();
  const hostsKnown = m.ranks.some((r) => r.host);
  for (const r of m.ranks) {
    const o = m.offsets.get(r.rank);
    if (!o || o.source === 'none') continue;
    const host = hostsKnown ? r.host : `rank ${r.rank}`;
    if (!host) continue;
    let l = by.get(host);
    if (!l) by.set(host, (l = []));
    l.push(o.effectiveNs);
  }
  return [...by].map(([host, l]) => {
    const s = [...l].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { host, offsetNs: s[s.length >> 1]! };
  });
}
