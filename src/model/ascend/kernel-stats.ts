/**
 * Kernel statistics for the Kernels view: rows grouped by name, op type, accelerator core, or
 * (op type, input shapes), each with count and total/avg/min/max/p50/p90 duration in ns.
 *
 * `share` is the group's total kernel time divided by the sum of ALL kernel durations in the
 * table (not device busy time): kernels on different streams can run at once, so shares of busy
 * time could exceed 100 %; shares of summed kernel time always add up to 1.
 *
 * Percentiles use the nearest-rank method (p = sorted[ceil(p·n) − 1]), so they are real
 * durations of the group. Rows with a missing duration count in `count` but not in the times.
 */
import type { KernelTable } from '../ascend-data';

export type KernelGroupBy = 'name' | 'type' | 'core' | 'shapes';

export interface KernelStatRow {
  /** Group key ('' for a missing value; for 'shapes', `type + '\u0000' + shapes`). */
  key: string;
  /** The grouping values: [name] | [type] | [core] | [type, shapes]. */
  parts: string[];
  count: number;
  /** Rows with a known duration (the times below are over these). */
  timed: number;
  totalNs: number;
  avgNs: number;
  minNs: number;
  maxNs: number;
  p50Ns: number;
  p90Ns: number;
  /** totalNs / sum of all kernel durations (0..1). */
  share: number;
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(p * n)));
  return sorted[rank - 1]!;
}

function groupIds(k: KernelTable, by: KernelGroupBy): Uint32Array {
  switch (by) {
    case 'name':
      return k.name;
    case 'type':
      return k.type;
    case 'core':
      return k.core;
    case 'shapes':
      return k.type;
  }
}

/**
 * Statistics per group, sorted by total time (descending), then key; over `rows` (a filter's or
 * a time range's rows) or all rows when null. Shares are relative to the rows considered.
 */
export function computeKernelStats(
  k: KernelTable,
  groupBy: KernelGroupBy,
  rows: ArrayLike<number> | null = null,
): KernelStatRow[] {
  const ids = groupIds(k, groupBy);
  const groups = new Map<string, { parts: string[]; rows: number[] }>();
  let allNs = 0;
  const n = rows ? rows.length : k.length;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j]! : j;
    const a = k.strings[ids[i]!] ?? '';
    const parts = groupBy === 'shapes' ? [a, k.strings[k.inputShapes[i]!] ?? ''] : [a];
    const key = parts.join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { parts, rows: [] }));
    g.rows.push(i);
    const d = k.durNs[i]!;
    if (!Number.isNaN(d)) allNs += d;
  }
  const out: KernelStatRow[] = [];
  for (const [key, g] of groups) {
    const durs = new Float64Array(g.rows.length);
    let timed = 0;
    let total = 0;
    for (const i of g.rows) {
      const d = k.durNs[i]!;
      if (Number.isNaN(d)) continue;
      durs[timed++] = d;
      total += d;
    }
    const sorted = durs.subarray(0, timed).sort();
    out.push({
      key,
      parts: g.parts,
      count: g.rows.length,
      timed,
      totalNs: total,
      avgNs: timed > 0 ? total / timed : NaN,
      minNs: timed > 0 ? sorted[0]! : NaN,
      maxNs: timed > 0 ? sorted[timed - 1]! : NaN,
      p50Ns: percentileSorted(sorted, 0.5),
      p90Ns: percentileSorted(sorted, 0.9),
      share: allNs > 0 ? total / allNs : 0,
    });
  }
  out.sort((a, b) => b.totalNs - a.totalNs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

const cache = new WeakMap<KernelTable, Partial<Record<KernelGroupBy, KernelStatRow[]>>>();

/** {@link computeKernelStats} memoized per KernelTable object. */
export function kernelStatsCached(k: KernelTable, groupBy: KernelGroupBy): KernelStatRow[] {
  let c = cache.get(k);
  if (!c) cache.set(k, (c = {}));
  return (c[groupBy] ??= computeKernelStats(k, groupBy));
}
