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
  count: number;
  hostSelfNs: number;
  hostTotalNs: number;
  deviceSelfNs: number;
  deviceTotalNs: number;
  /** Device self time per call, ns. */
  avgDeviceSelfNs: number;
  /** deviceSelfNs / the device self time of all rows considered (0..1). */
  share: number;
}

/**
 * Operators per name (or name + input shapes) over `rows` (all when null), by device self time.
 * Self times are summed over every instance; total times only over instances with no same-name
 * ancestor (analysis-definitions.md §4.2), so a wrapper and the same-name op inside it count once.
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
        hostSelfNs: 0,
        hostTotalNs: 0,
        deviceSelfNs: 0,
        deviceTotalNs: 0,
        avgDeviceSelfNs: 0,
        share: 0,
      };
      groups.set(key, g);
    }
    g.count++;
    g.hostSelfNs = add(g.hostSelfNs, ops.hostSelfNs[i]!);
    g.deviceSelfNs = add(g.deviceSelfNs, ops.deviceSelfNs[i]!);
    if (!nested[i]) {
      g.hostTotalNs = add(g.hostTotalNs, ops.hostTotalNs[i]!);
      g.deviceTotalNs = add(g.deviceTotalNs, ops.deviceTotalNs[i]!);
    }
    allSelf = add(allSelf, ops.deviceSelfNs[i]!);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.avgDeviceSelfNs = g.deviceSelfNs / g.count;
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
