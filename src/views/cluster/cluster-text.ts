/** Wording and number formats of the cluster view (pure, tested). */
import { MIN_SKEW_NS, SLOW_RANK_GAP_RATIO, type ClusterMetric } from '../../model/cluster/analyze';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { formatRankSet } from '../../model/cluster/groups';
import { formatDuration } from '../../lib/format';
import { t } from '../../i18n/t';

/** In the interface language (getters: read when shown, after a language switch too). */
export const METRIC_LABELS: Record<ClusterMetric, { short: string; long: string }> = {
  stepTimeUs: {
    get short() {
      return t('cluster:metric_step_time');
    },
    get long() {
      return t('cluster:metric_step_time_long');
    },
  },
  computingUs: {
    get short() {
      return t('cluster:metric_computing');
    },
    get long() {
      return t('cluster:metric_computing');
    },
  },
  commNotOverlappedUs: {
    get short() {
      return t('cluster:metric_comm_not_overlapped_short');
    },
    get long() {
      return t('cluster:metric_comm_not_overlapped');
    },
  },
  freeUs: {
    get short() {
      return t('cluster:metric_free');
    },
    get long() {
      return t('cluster:metric_free_long');
    },
  },
  preparingUs: {
    get short() {
      return t('cluster:metric_preparing');
    },
    get long() {
      return t('cluster:metric_preparing_long');
    },
  },
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
  if (steps.length === 0) return t('cluster:steps_none');
  if (steps.length === 1 && steps[0] === '') return t('cluster:steps_whole_capture');
  if (steps.every((s) => /^\d+$/.test(s))) return formatRankSet(steps.map(Number));
  return steps.length <= 4 ? steps.join(', ') : `${steps[0]} … ${steps[steps.length - 1]}`;
}

export const rankName = (rank: number, host: string | null | undefined): string =>
  host ? t('cluster:rank_name_host', { rank, host }) : t('cluster:rank_name', { rank });

/** The rank to mark slow: none when the ranks are within noise (analyze.ts). */
export const slowRankShown = (m: ClusterModel): number | null =>
  m.findings.slowRankSignificant === false ? null : m.findings.slowestRank;

/** "2.0%" of a 0..1 ratio. */
const pct1 = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The largest step-time gap between ranks against msprof-analyze's threshold, as a phrase. */
export function gapPhrase(m: ClusterModel): string | null {
  const g = m.findings.rankGap;
  if (!g) return null;
  return t('cluster:gap_phrase', {
    dimension: METRIC_LABELS[g.dimension].long,
    gap: formatUs(g.gapUs),
    ratio: pct1(g.ratio),
    mean: formatUs(g.meanStepUs),
    threshold: pct1(SLOW_RANK_GAP_RATIO),
  });
}

/** How the slowest rank was decided, as a short phrase (the facts strip). */
export function slowestReason(m: ClusterModel): string {
  const f = m.findings;
  if (f.slowestRank === null) return t('cluster:reason_not_enough_data');
  if (f.slowRankSignificant === false && f.rankGap)
    return t('cluster:reason_within_noise', {
      ratio: pct1(f.rankGap.ratio),
      threshold: pct1(SLOW_RANK_GAP_RATIO),
    });
  if (f.slowestBy === 'caused-wait') {
    const caused = f.causedWaitNs.get(f.slowestRank) ?? 0;
    const n = f.lastArrivals.get(f.slowestRank) ?? 0;
    return t('cluster:reason_caused_wait', {
      wait: formatDuration(caused),
      n,
      count: f.skewedCollectives,
    });
  }
  return t('cluster:reason_computing');
}

/** The rank that caused the most wait after the slowest one, and how much. */
function runnerUp(m: ClusterModel): { rank: number; ns: number } | null {
  const f = m.findings;
  let best: { rank: number; ns: number } | null = null;
  for (const r of m.ranks) {
    if (r.rank === f.slowestRank) continue;
    const ns = f.causedWaitNs.get(r.rank) ?? 0;
    if (!best || ns > best.ns) best = { rank: r.rank, ns };
  }
  return best;
}

/**
 * One sentence naming the rank the others waited for, with the evidence: the wait it caused,
 * over how many collectives, and the next rank's figure, e.g. "Rank 1 held the others back: its
 * peers waited 5.6 ms for it in all, at the collective it arrived last at (of 2 with an arrival
 * skew ≥ 1 µs). Next: rank 0, 8.126 µs."
 */
export function headline(m: ClusterModel): string | null {
  const f = m.findings;
  if (f.slowestRank === null) return null;
  const who = rankName(f.slowestRank, m.hosts.get(f.slowestRank));
  const cap = who.charAt(0).toUpperCase() + who.slice(1);
  if (f.slowRankSignificant === false) {
    const caused = f.causedWaitNs.get(f.slowestRank) ?? 0;
    const last =
      f.slowestBy === 'caused-wait' && caused > 0
        ? t('cluster:headline_noise_last', { who: cap, wait: formatDuration(caused) })
        : '';
    return t('cluster:headline_noise', { gap: gapPhrase(m), last });
  }
  if (f.slowestBy === 'caused-wait') {
    const caused = f.causedWaitNs.get(f.slowestRank) ?? 0;
    const n = f.lastArrivals.get(f.slowestRank) ?? 0;
    const skewNote =
      f.skewedCollectives < m.arrivals.length
        ? t('cluster:skew_note_min', {
            n: f.skewedCollectives,
            min: formatDuration(MIN_SKEW_NS),
          })
        : t('cluster:skew_note', { n: f.skewedCollectives });
    const next = runnerUp(m);
    const tail = next
      ? t('cluster:headline_next', {
          who: rankName(next.rank, m.hosts.get(next.rank)),
          wait: formatDuration(next.ns),
        })
      : '';
    return t('cluster:headline_caused_wait', {
      who: cap,
      wait: formatDuration(caused),
      count: n,
      skew: skewNote,
      tail,
    });
  }
  return t('cluster:headline_slowest', { who: cap, reason: slowestReason(m) });
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
    const host = hostsKnown ? r.host : rankName(r.rank, null);
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
