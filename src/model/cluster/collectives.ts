/**
 * The per-collective table of the cluster view: for each collective seen on several ranks, who
 * arrived first and last (aligned starts), the arrival skew, and per rank its wait (for peers,
 * before the first transfer) and transit (moving data) times from communication.json.
 *
 * In a collective the early ranks wait for the last one: the last arriver's wait is about zero
 * and the others' waits are about their arrival gap to it, so "skew" and "max wait" tell the same
 * story from the two sources (aligned traces vs communication.json).
 */
import type { CollectiveArrival } from './align';
import { groupOfHash, type ClusterGroup } from './groups';
import type { RankCollective, RankSummary } from './rank-summary';

export const collectiveKey = (op: string, seq: number): string => `${op}\u0001${seq}`;

export interface CollectiveRow {
  key: string;
  op: string;
  seq: number;
  /** Step ('' when unknown). */
  step: string;
  /** Group hash ('' when unknown) and the group's name (tp, dp…; '' when unknown). */
  groupHash: string;
  groupName: string;
  members: number;
  firstRank: number;
  lastRank: number;
  /** Last arrival − first arrival, ns (aligned). */
  skewNs: number;
  /** Aligned start of the first arrival (ns on the reference clock), for ordering. */
  firstStartNs: bigint;
  /** Largest and total wait over the members, ns (null without communication.json). */
  waitMaxNs: number | null;
  waitSumNs: number | null;
  /** Mean transit over the members, ns (null when unknown). */
  transitMeanNs: number | null;
}

export interface CollectiveMember {
  rank: number;
  host: string | null;
  /** Aligned arrival after the first member, ns. */
  arrivalNs: number;
  waitNs: number | null;
  transitNs: number | null;
  /** Duration of the op on this rank, ns. */
  elapseNs: number;
  source: RankCollective['source'];
}

/** rank → collective key → that rank's occurrence. */
export type CollectiveIndex = Map<number, Map<string, RankCollective>>;

export function collectiveIndex(ranks: readonly RankSummary[]): CollectiveIndex {
  return new Map(
    ranks.map((r) => [r.rank, new Map(r.collectives.map((c) => [collectiveKey(c.op, c.seq), c]))]),
  );
}

export function collectiveRows(
  arrivals: readonly CollectiveArrival[],
  index: CollectiveIndex,
  groups: readonly ClusterGroup[],
): CollectiveRow[] {
  return arrivals.map((a) => {
    const key = collectiveKey(a.op, a.seq);
    let step = '';
    let groupHash = '';
    let waitMax: number | null = null;
    let waitSum: number | null = null;
    let transitSum = 0;
    let transitN = 0;
    let first: bigint | null = null;
    for (const [rank, t] of a.starts) {
      if (first === null || t < first) first = t;
      const c = index.get(rank)?.get(key);
      if (!c) continue;
      if (!step && c.step) step = c.step;
      if (!groupHash && /^\d+$/.test(c.group)) groupHash = c.group;
      if (c.waitNs !== null && Number.isFinite(c.waitNs)) {
        waitMax = waitMax === null ? c.waitNs : Math.max(waitMax, c.waitNs);
        waitSum = (waitSum ?? 0) + c.waitNs;
      }
      if (c.transitNs !== null && c.transitNs !== undefined && Number.isFinite(c.transitNs)) {
        transitSum += c.transitNs;
        transitN++;
      }
    }
    return {
      key,
      op: a.op,
      seq: a.seq,
      step,
      groupHash,
      groupName: groupHash ? (groupOfHash(groupHash, groups)?.name ?? '') : '',
      members: a.starts.size,
      firstRank: a.firstRank,
      lastRank: a.lastRank,
      skewNs: a.skewNs,
      firstStartNs: first ?? 0n,
      waitMaxNs: waitMax,
      waitSumNs: waitSum,
      transitMeanNs: transitN > 0 ? transitSum / transitN : null,
    };
  });
}

export function collectiveMembers(
  a: CollectiveArrival,
  index: CollectiveIndex,
  hosts: ReadonlyMap<number, string | null>,
): CollectiveMember[] {
  const key = collectiveKey(a.op, a.seq);
  let first: bigint | null = null;
  for (const t of a.starts.values()) if (first === null || t < first) first = t;
  const out: CollectiveMember[] = [];
  for (const [rank, t] of a.starts) {
    const c = index.get(rank)?.get(key);
    out.push({
      rank,
      host: hosts.get(rank) ?? null,
      arrivalNs: Number(t - (first ?? t)),
      waitNs: c?.waitNs ?? null,
      transitNs: c?.transitNs ?? null,
      elapseNs: c ? Number(c.endNs - c.startNs) : NaN,
      source: c?.source ?? 'communication.json',
    });
  }
  return out.sort((x, y) => x.rank - y.rank);
}

/**
 * The collective to show for a rank in a step: among the step's collectives the rank takes part
 * in (every collective when none has a step), the one it arrived last at with the largest skew,
 * else the one with the largest skew.
 */
export function pickCollective(
  rows: readonly CollectiveRow[],
  index: CollectiveIndex,
  rank: number,
  step: string | null,
): CollectiveRow | null {
  const mine = index.get(rank);
  const withStep = step !== null && rows.some((r) => r.step !== '');
  const candidates = rows.filter(
    (r) => (mine?.has(r.key) ?? false) && (!withStep || r.step === step),
  );
  if (candidates.length === 0) return null;
  const best = (list: CollectiveRow[]) =>
    list.reduce((a, b) => (b.skewNs > a.skewNs ? b : a), list[0]!);
  const last = candidates.filter((r) => r.lastRank === rank);
  return best(last.length > 0 ? last : candidates);
}
