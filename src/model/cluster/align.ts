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

/** Offsets (ns, as bigint) to subtract from each rank's times so they share rank `ref`'s clock. */
export function alignOffsets(
  ranks: readonly RankSummary[],
  ref = ranks[0]?.rank ?? 0,
): Map<number, bigint> {
  const byRank = new Map(
    ranks.map((r) => [r.rank, new Map(r.collectives.map((c) => [key(c), c]))]),
  );
  const offsets = new Map<number, bigint>();
  if (!byRank.has(ref)) return offsets;
  offsets.set(ref, 0n);
  const queue = [ref];
  while (queue.length > 0) {
    const q = queue.shift()!;
    const qc = byRank.get(q)!;
    for (const [r, rc] of byRank) {
      if (offsets.has(r)) continue;
      const diffs: bigint[] = [];
      for (const [k, c] of rc) {
        const other = qc.get(k);
        if (other) diffs.push(c.endNs - other.endNs);
      }
      if (diffs.length === 0) continue;
      offsets.set(r, offsets.get(q)! + medianBig(diffs));
      queue.push(r);
    }
  }
  for (const r of byRank.keys()) if (!offsets.has(r)) offsets.set(r, 0n);
  return offsets;
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
