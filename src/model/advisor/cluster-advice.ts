/**
 * Cluster rules: `slow-rank` and `slow-link`.
 *
 * slow-rank: the rank the others wait for. The rank and the wait each rank caused (Σ over the
 * collectives it arrived last at of its arrival − each other member's arrival, after clock
 * alignment) come from the cluster analysis (model/cluster/analyze.ts), so the advisor never
 * disagrees with the Cluster view; the advisor adds the evidence rows.
 *
 * slow-link: per rank, SDMA and RDMA bandwidth = Σ transit size ÷ Σ transit time over its
 * communication.json ops (MA slow_link_analyzer; rank-summary.ts linkTotals, also carried by the
 * rank summaries so the browser's Cluster and Advisor views run it); flagged when (max − min) ÷ mean > 5 %. Time at
 * stake: the slowest rank's transit time minus what it would take at the mean bandwidth.
 */
import { msg, type Message } from '../../lib/message';
import type { CommOpRow } from '../ascend-data';
import { alignOffsets, collectiveArrivals, type CollectiveArrival } from '../cluster/align';
import {
  analyzeCluster,
  MIN_SKEW_NS,
  SLOW_RANK_GAP_RATIO,
  type GapDimension,
} from '../cluster/analyze';
import { linkTotals, type LinkTotals, type RankSummary } from '../cluster/rank-summary';
import { fmtNs, notChecked, passed, pct, plural, rangeRow, severityOf } from './rule-kit';
import { withDefaults } from './thresholds';
import type { EvidenceRow, Finding, Thresholds } from './types';

export interface RankComm {
  rank: number;
  communication: readonly CommOpRow[] | null;
}

/**
 * Evidence of the wait each rank caused: one row per collective it arrived last at (skew of at
 * least the cluster analysis's MIN_SKEW_NS), with the wait its peers spent. The totals and the
 * slow rank itself come from the cluster analysis (model/cluster/analyze.ts), never from here.
 */
function causedWaitRows(arrivals: readonly CollectiveArrival[]): Map<number, EvidenceRow[]> {
  const rows = new Map<number, EvidenceRow[]>();
  for (const a of arrivals) {
    if (a.skewNs < MIN_SKEW_NS) continue;
    const last = a.starts.get(a.lastRank)!;
    let w = 0;
    for (const [rank, t] of a.starts) if (rank !== a.lastRank) w += Number(last - t);
    let r = rows.get(a.lastRank);
    if (!r) rows.set(a.lastRank, (r = []));
    r.push({
      ...rangeRow(
        `${a.op} #${a.seq}`,
        '',
        NaN,
        w,
        -1,
        a.skewNs / 1000,
        `arrived ${fmtNs(a.skewNs)} after rank ${a.firstRank}`,
      ),
      detailMsg: msg('findings:ev_arrived_after', {
        time: { ns: a.skewNs },
        rank: String(a.firstRank),
      }),
    });
  }
  return rows;
}

const GAP_DIM: Record<GapDimension, { en: string; msg: Message }> = {
  computingUs: { en: 'Computing', msg: msg('findings:gap_dim_computing') },
  commNotOverlappedUs: {
    en: 'Communication not overlapped',
    msg: msg('findings:gap_dim_comm_not_overlapped'),
  },
  freeUs: { en: 'Free', msg: msg('findings:gap_dim_free') },
};

function slowRank(ranks: readonly RankSummary[]): Finding {
  const id = 'slow-rank';
  if (ranks.length < 2)
    return notChecked(id, 'needs several ranks (a cluster)', msg('findings:needs_ranks'));
  const sorted = [...ranks].sort((a, b) => a.rank - b.rank);
  const arrivals = collectiveArrivals(sorted, alignOffsets(sorted, sorted[0]?.rank));
  // The Cluster view's own analysis names the rank: the advisor never applies a rule of its own.
  const f = analyzeCluster(sorted, arrivals);
  if (f.slowestRank === null)
    return notChecked(
      id,
      'needs step times or collectives of every rank',
      msg('findings:slow_rank_needs'),
    );
  const slow = f.slowestRank;
  const wait = f.causedWaitNs;
  const totalStep =
    f.totals.reduce((a, t) => a + t.stepTimeUs * 1000, 0) / Math.max(1, f.totals.length);
  const w = wait.get(slow) ?? 0;
  const ranking = [...wait].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const evidence = causedWaitRows(arrivals).get(slow) ?? [];
  const next = ranking.filter(([r]) => r !== slow);
  const others = next.map(([r, x]) => `rank ${r} ${fmtNs(x)}`);
  const waitParams = { rank: String(slow), count: evidence.length, time: { ns: w } };
  const nextList = next.map(([r, x]) =>
    msg('findings:slow_rank_next_item', { rank: String(r), time: { ns: x } }),
  );
  if (f.slowRankSignificant === false && f.rankGap) {
    // Within noise (msprof-analyze's 5 % rule, cluster/analyze.ts): no rank is called slow.
    const g = f.rankGap;
    const d = GAP_DIM[g.dimension];
    const pctText = (r: number) => `${(r * 100).toFixed(1)}%`;
    return {
      ...passed(
        id,
        `No rank is clearly slower: the largest gap between ranks, ${d.en} ${fmtNs(g.gapUs * 1000)}, is ${pctText(g.ratio)} of the mean step time (${fmtNs(g.meanStepUs * 1000)}); msprof-analyze's slow-rank rule needs over ${pctText(SLOW_RANK_GAP_RATIO)}. Rank ${slow} arrived last by the most (its peers waited ${fmtNs(w)}).`,
        msg('findings:slow_rank_within_noise', {
          dimension: { msg: d.msg },
          gap: { ns: g.gapUs * 1000 },
          ratio: { ratio: g.ratio },
          step: { ns: g.meanStepUs * 1000 },
          threshold: { ratio: SLOW_RANK_GAP_RATIO },
          rank: String(slow),
          time: { ns: w },
        }),
      ),
      count: evidence.length,
      evidence: evidence.sort((a, b) => b.durNs - a.durNs).slice(0, 500),
      evidenceTotal: evidence.length,
    };
  }
  const title =
    f.slowestBy === 'caused-wait'
      ? `Rank ${slow} is the rank the others wait for: it arrived last at ${plural(evidence.length, 'collective')}, making the other ranks wait ${fmtNs(w)}${others.length > 0 ? ` (next: ${others.join(', ')})` : ''}.`
      : `Rank ${slow} computes longest per step (no collective arrival order to compare).`;
  const titleMsg: Message =
    f.slowestBy !== 'caused-wait'
      ? msg('findings:slow_rank_compute', { rank: String(slow) })
      : others.length > 0
        ? msg('findings:slow_rank_title_next', { ...waitParams, next: { list: nextList } })
        : msg('findings:slow_rank_title', waitParams);
  return {
    rule: id,
    severity: w > 0 ? severityOf(w, totalStep) : 'medium',
    timeNs: w,
    count: evidence.length,
    title,
    titleMsg,
    fixMsg: msg('findings:slow_rank_fix', { rank: String(slow) }),
    fix: `Compare rank ${slow} with a fast rank (compute, free time, host dispatch on that rank): its delay is paid as waiting by every peer in its groups.`,
    evidence: evidence.sort((a, b) => b.durNs - a.durNs).slice(0, 500),
    evidenceTotal: evidence.length,
  };
}

function slowLink(links: readonly { rank: number; totals: LinkTotals }[], th: Thresholds): Finding {
  const id = 'slow-link';
  const withRows = links.filter((c) => Object.keys(c.totals).length > 0);
  if (withRows.length < 2)
    return notChecked(
      id,
      'needs communication.json of several ranks',
      msg('findings:slow_link_needs'),
    );
  const out: EvidenceRow[] = [];
  const parts: string[] = [];
  const partMsgs: Message[] = [];
  let timeNs = 0;
  for (const tr of ['SDMA', 'RDMA']) {
    const bw = withRows
      .map((c) => {
        const t = c.totals[tr];
        const mb = t?.sizeMB ?? 0;
        const ms = t?.timeMs ?? 0;
        return { rank: c.rank, mb, ms, gbs: ms > 0 ? mb / ms : NaN };
      })
      .filter((x) => Number.isFinite(x.gbs));
    if (bw.length < 2) continue;
    const mean = bw.reduce((a, x) => a + x.gbs, 0) / bw.length;
    const min = bw.reduce((a, x) => (x.gbs < a.gbs ? x : a));
    const max = bw.reduce((a, x) => (x.gbs > a.gbs ? x : a));
    const spread = (max.gbs - min.gbs) / mean;
    for (const x of bw)
      out.push({
        ...rangeRow(
          `rank ${x.rank} ${tr}`,
          '',
          NaN,
          x.ms * 1e6,
          -1,
          x.gbs,
          `${x.gbs.toFixed(2)} GB/s over ${x.mb.toFixed(1)} MB`,
        ),
        detailMsg: msg('findings:ev_bandwidth', {
          bw: x.gbs.toFixed(2),
          mb: x.mb.toFixed(1),
        }),
      });
    if (spread <= th['slowLinkRatio']!) continue;
    timeNs += Math.max(0, (min.ms - min.mb / mean) * 1e6);
    parts.push(
      `${tr} rank ${min.rank} ${min.gbs.toFixed(2)} GB/s vs mean ${mean.toFixed(2)} (spread ${pct(spread)})`,
    );
    partMsgs.push(
      msg('findings:slow_link_part', {
        transport: tr,
        rank: String(min.rank),
        bw: min.gbs.toFixed(2),
        mean: mean.toFixed(2),
        ratio: { ratio: spread },
      }),
    );
  }
  if (parts.length === 0)
    return passed(id, 'Bandwidth is even across ranks.', msg('findings:slow_link_ok'));
  return {
    rule: id,
    severity: 'medium',
    timeNs,
    count: parts.length,
    title: `Slow link: ${parts.join('; ')}.`,
    titleMsg: msg('findings:slow_link_title', { parts: { list: partMsgs, sep: 'semicolon' } }),
    fixMsg: msg('findings:slow_link_fix'),
    fix: 'Check the named rank’s links (HCCS / RDMA NIC, switch ports, cabling) and its placement; compare with communication_matrix.',
    evidence: out.sort((a, b) => a.value - b.value),
    evidenceTotal: out.length,
  };
}

export function clusterAdvice(
  ranks: readonly RankSummary[],
  comm: readonly RankComm[] | null,
  over: Partial<Thresholds> = {},
): Finding[] {
  const th = withDefaults(over);
  // The ranks' communication rows when at hand (summarize), else the totals the rank summaries
  // carry (the browser's cluster overview): the same sums either way.
  const links = comm
    ? comm.map((c) => ({ rank: c.rank, totals: linkTotals(c.communication ?? []) }))
    : ranks.flatMap((r) => (r.linkTotals ? [{ rank: r.rank, totals: r.linkTotals }] : []));
  return [slowRank(ranks), slowLink(links, th)];
}
