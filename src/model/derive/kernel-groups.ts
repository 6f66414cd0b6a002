/**
 * Group-by tables for the Kernels and Operators views over any subset of rows (the rows a
 * filter or the selected range keeps). Over all rows the kernel figures are exactly
 * computeKernelStats' (and come from its cache).
 */
import { operatorNestingCached } from '../analysis/operator-nesting';
import type { KernelTable, OperatorTable } from '../ascend-data';
import {
  computeKernelStats,
  kernelStatsCached,
  type KernelGroupBy,
  type KernelStatRow,
} from '../ascend/kernel-stats';

/** Kernel statistics per group over `rows` (all rows when null), sorted by total time. */
export function kernelStatsForRows(
  k: KernelTable,
  by: KernelGroupBy,
  rows: ArrayLike<number> | null,
): KernelStatRow[] {
  return rows ? computeKernelStats(k, by, rows) : kernelStatsCached(k, by);
}

export type OperatorGroupBy = 'name' | 'shapes';

export interface OperatorGroupRow {
  key: string;
  /** [name] | [name, input shapes]. */
  parts: string[];
  /**
   * Calls: instances with no same-name op around them (analysis-definitions.md §4.2, the same
   * instances the totals sum over), so `deviceTotalNs / count` is a per-call figure.
   */
  count: number;
  /** Instances inside a same-name op (not calls of their own; their self time is counted). */
  nestedCount: number;
  hostSelfNs: number;
  hostTotalNs: number;
  deviceSelfNs: number;
  deviceTotalNs: number;
  /** Device self time per call (Σ self over every instance ÷ calls), ns. */
  avgDeviceSelfNs: number;
  /** deviceSelfNs / the device self time of all rows considered (0..1). */
  share: number;
}

/**
 * Operators per name (or name + input shapes) over `rows` (all when null), by device self time.
 * The one grouping of operator rows (the Overview, summarize, compare and the Statistics view
 * read it through computeOperatorStats). Self times are summed over every instance; calls and
 * total times only over instances with no same-name ancestor (analysis-definitions.md §4.2), so
 * a wrapper and the same-name op inside it count as one call, once (as gprof's "called" leaves
 * out recursive calls); the inner instances are counted apart in `nestedCount`.
 */
export function operatorStatsForRows(
  ops: OperatorTable,
  by: OperatorGroupBy,
  rows: ArrayLike<number> | null,
): OperatorGroupRow[] {
  const groups = new Map<string, OperatorGroupRow>();
  const add = (a: number, v: number) => (Number.isNaN(v) ? a : a + v);
  let allSelf = 0;
  const nested = operatorNestingCached(ops);
  const n = rows ? rows.length : ops.length;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j]! : j;
    const parts = [ops.strings[ops.name[i]!] ?? ''];
    if (by === 'shapes') parts.push(ops.strings[ops.inputShapes[i]!] ?? '');
    const key = parts.join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        parts,
        count: 0,
        nestedCount: 0,
        hostSelfNs: 0,
        hostTotalNs: 0,
        deviceSelfNs: 0,
        deviceTotalNs: 0,
        avgDeviceSelfNs: 0,
        share: 0,
      };
      groups.set(key, g);
    }
    g.hostSelfNs = add(g.hostSelfNs, ops.hostSelfNs[i]!);
    g.deviceSelfNs = add(g.deviceSelfNs, ops.deviceSelfNs[i]!);
    if (nested[i]) g.nestedCount++;
    else {
      g.count++;
      g.hostTotalNs = add(g.hostTotalNs, ops.hostTotalNs[i]!);
      g.deviceTotalNs = add(g.deviceTotalNs, ops.deviceTotalNs[i]!);
    }
    allSelf = add(allSelf, ops.deviceSelfNs[i]!);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.avgDeviceSelfNs = g.count > 0 ? g.deviceSelfNs / g.count : NaN;
    g.share = allSelf > 0 ? g.deviceSelfNs / allSelf : 0;
  }
  out.sort(
    (a, b) =>
      b.deviceSelfNs - a.deviceSelfNs ||
      b.hostTotalNs - a.hostTotalNs ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return out;
}
