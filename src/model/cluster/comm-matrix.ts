/**
 * The rank × rank communication matrix across ranks: every rank's communication_matrix.json
 * merged, the way msprof-analyze builds cluster_communication_matrix.json.
 *
 * Each rank's file keys links by ranks *local to the group* ("0-1" in a group of global ranks
 * [8, 9] means 8 → 9). A rank's own copy link (src = dst, Transport LOCAL) tells which local
 * rank it is, so local → global comes from the files themselves; links whose local rank cannot
 * be mapped are dropped (and counted). The same link reported by several files is summed (size
 * and time), its bandwidth recomputed as size / time (MB / ms = GB/s).
 */
import type { CommMatrixRow } from '../ascend-data';
import type { RankSummary } from './rank-summary';

export interface MergedMatrix {
  rows: CommMatrixRow[];
  /** Links dropped because a local rank could not be mapped to a global one. */
  unmapped: number;
  /** Whether any file used local ranks that differ from the global ones. */
  remapped: boolean;
}

export function mergeRankMatrices(
  ranks: readonly Pick<RankSummary, 'rank' | 'commMatrix'>[],
): MergedMatrix {
  // group hash → local rank → global rank, from each file's own copy link.
  const maps = new Map<string, Map<number, number>>();
  for (const r of ranks) {
    for (const row of r.commMatrix ?? []) {
      if (row.src !== row.dst) continue;
      let m = maps.get(row.groupHash);
      if (!m) maps.set(row.groupHash, (m = new Map<number, number>()));
      if (!m.has(row.src)) m.set(row.src, r.rank);
    }
  }
  const identity = new Map<string, boolean>();
  for (const [hash, m] of maps)
    identity.set(
      hash,
      [...m].every(([l, g]) => l === g),
    );
  let unmapped = 0;
  let remapped = false;
  const merged = new Map<string, CommMatrixRow>();
  for (const r of ranks) {
    for (const row of r.commMatrix ?? []) {
      const m = maps.get(row.groupHash);
      let src = row.src;
      let dst = row.dst;
      if (m && !identity.get(row.groupHash)) {
        const s = m.get(row.src);
        const d = m.get(row.dst);
        if (s === undefined || d === undefined) {
          unmapped++;
          continue;
        }
        src = s;
        dst = d;
        remapped = true;
      }
      const k = `${row.step}|${row.kind}|${row.groupHash}|${row.group}|${src}|${dst}|${row.transport}`;
      const prev = merged.get(k);
      if (!prev) {
        merged.set(k, { ...row, src, dst });
        continue;
      }
      prev.sizeMB = add(prev.sizeMB, row.sizeMB);
      prev.timeMs = add(prev.timeMs, row.timeMs);
      prev.bandwidthGBs =
        prev.sizeMB !== null && prev.timeMs !== null && prev.timeMs > 0
          ? prev.sizeMB / prev.timeMs
          : null;
    }
  }
  return { rows: [...merged.values()], unmapped, remapped };
}

function add(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

/** Transport types present in the rows, most data first. */
export function matrixTransports(rows: readonly CommMatrixRow[]): string[] {
  const size = new Map<string, number>();
  for (const r of rows) {
    const t = r.transport || '(unknown)';
    size.set(t, (size.get(t) ?? 0) + (r.sizeMB ?? 0));
  }
  return [...size].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}
