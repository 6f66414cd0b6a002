/**
 * Clock alignment across ranks, and who arrived last at each collective.
 *
 * Hosts' clocks differ, but a collective completes on every member at (nearly) the same true
 * time: it ends when the last member arrives plus the transfer. So the offset of rank r against
 * rank q is the median over their shared collectives of (end_r − end_q). Shared collectives are
 * matched by op name and occurrence (torch_npu op names carry the group: `hcom_allReduce__271_0_1`
 * for group hash …271). Ranks that share no collective with the reference are reached through
 * others (breadth-first over "shares a collective"), composing offsets.
 *
 *   rank 0 clock:  |──compute──|wait|■■|        offset(1) = median(end₁ − end₀)
 *   rank 1 clock:      |──compute─────|■■|      aligned_t = t − offset(rank)
 */
import type { RankCollective, RankSummary } from './rank-summary';

const key = (c: RankCollective) => `${c.op}\u0001${c.seq}`;

function medianBig(values: bigint[]): bigint {
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return s[s.length >> 1]!;
}

/** How one rank's clock offset was found. */
export interface RankAlignment {
  /** Offset to subtract from the rank's times (ns on the reference clock). */
  offsetNs: bigint;
  /** Whether it was found (false: no shared collective with the reference's component; 0). */
  reached: boolean;
  /** The rank it was measured against (itself for the reference, null when not reached). */
  via: number | null;
  /** Shared collectives the median was taken over. */
  pairs: number;
}

/**
 * Breadth-first alignment from `ref` (see the file header), indexed by collective so that each
 * rank's collectives are visited once per neighbour instead of once per queued rank.
 */
export function alignRanks(
  ranks: readonly RankSummary[],
  ref = ranks[0]?.rank ?? 0,
): Map<number, RankAlignment> {
  const order = new Map<number, number>();
  const byRank = new Map<number, Map<string, RankCollective>>();
  for (const r of ranks) {
    if (!order.has(r.rank)) order.set(r.rank, order.size);
    byRank.set(r.rank, new Map(r.collectives.map((c) => [key(c), c])));
  }
  // collective key → members (rank → its occurrence)
  const members = new Map<string, Map<number, RankCollective>>();
  for (const [rank, cs] of byRank) {
    for (const [k, c] of cs) {
      let m = members.get(k);
      if (!m) members.set(k, (m = new Map<number, RankCollective>()));
      m.set(rank, c);
    }
  }
  const out = new Map<number, RankAlignment>();
  if (!byRank.has(ref)) return out;
  out.set(ref, { offsetNs: 0n, reached: true, via: ref, pairs: 0 });
  const queue = [ref];
  while (queue.length > 0) {
    const q = queue.shift()!;
    const base = out.get(q)!.offsetNs;
    const diffs = new Map<number, bigint[]>();
    for (const [k, cq] of byRank.get(q)!) {
      for (const [r, cr] of members.get(k)!) {
        if (out.has(r)) continue;
        let d = diffs.get(r);
        if (!d) diffs.set(r, (d = []));
        d.push(cr.endNs - cq.endNs);
      }
    }
    const found = [...diffs.keys()].sort((a, b) => order.get(a)! - order.get(b)!);
    for (const r of found) {
      const d = diffs.get(r)!;
      out.set(r, { offsetNs: base + medianBig(d), reached: true, via: q, pairs: d.length });
      queue.push(r);
    }
  }
  for (const r of byRank.keys())
    if (!out.has(r)) out.set(r, { offsetNs: 0n, reached: false, via: null, pairs: 0 });
  return out;
}

/** Offsets (ns, as bigint) to subtract from each rank's times so they share rank `ref`'s clock. */
export function alignOffsets(
  ranks: readonly RankSummary[],
  ref = ranks[0]?.rank ?? 0,
): Map<number, bigint> {
  const a = alignRanks(ranks, ref);
  return new Map([...a].map(([r, x]) => [r, x.offsetNs]));
}

export interface CollectiveArrival {
  op: string;
  seq: number;
  /** Aligned start per rank (ns on the reference clock). */
  starts: Map<number, bigint>;
  lastRank: number;
  firstRank: number;
  /** Last arrival − first arrival, ns. */
  skewNs: number;
}

/** For each collective seen on at least two ranks: aligned arrivals and who came last. */
export function collectiveArrivals(
  ranks: readonly RankSummary[],
  offsets: Map<number, bigint>,
): CollectiveArrival[] {
  const groups = new Map<string, { op: string; seq: number; starts: Map<number, bigint> }>();
  for (const r of ranks) {
    const off = offsets.get(r.rank) ?? 0n;
    for (const c of r.collectives) {
      const k = key(c);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { op: c.op, seq: c.seq, starts: new Map() }));
      g.starts.set(r.rank, c.startNs - off);
    }
  }
  const out: CollectiveArrival[] = [];
  for (const g of groups.values()) {
    if (g.starts.size < 2) continue;
    let lastRank = -1;
    let firstRank = -1;
    let last = 0n;
    let first = 0n;
    for (const [rank, t] of g.starts) {
      if (lastRank < 0 || t > last) {
        last = t;
        lastRank = rank;
      }
      if (firstRank < 0 || t < first) {
        first = t;
        firstRank = rank;
      }
    }
    out.push({
      op: g.op,
      seq: g.seq,
      starts: g.starts,
      lastRank,
      firstRank,
      skewNs: Number(last - first),
    });
  }
  return out.sort((a, b) => {
    const ta = [...a.starts.values()][0]!;
    const tb = [...b.starts.values()][0]!;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}
