/**
 * Statistics tables derived from the analysis when the profiler's own files are absent (a lone
 * trace, a Kineto trace, a db-only folder):
 * - op statistics: device time per kernel type and kind (as op_statistic.csv groups by OP Type
 *   and Core Type): count, total, min, avg, max (µs), ratio of the summed kernel time (%);
 * - operator statistics: host and device time per CPU operator name; calls and totals over the
 *   instances with no same-name op around them, nested ones counted apart (§4.2).
 * The tables' `path` names where they came from.
 */
import type { KernelTable, OperatorTable } from '../ascend-data';
import { computeKernelStats } from '../ascend/kernel-stats';
import { computeOperatorStats } from '../ascend/overview';
import type { TextTable } from '../profile';

const us = (ns: number) => (Number.isFinite(ns) ? (ns / 1000).toFixed(3) : '');

export function derivedOpStatistic(k: KernelTable, from: string): TextTable {
  // Group by (type, kind): the 'shapes' grouping keys on type; do it by hand on type + core.
  const groups = new Map<string, { type: string; core: string; rows: number[] }>();
  for (let i = 0; i < k.length; i++) {
    const type = k.strings[k.type[i]!] ?? '';
    const core = k.strings[k.core[i]!] ?? '';
    const key = `${type}\u0000${core}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { type, core, rows: [] }));
    g.rows.push(i);
  }
  let all = 0;
  for (let i = 0; i < k.length; i++) if (!Number.isNaN(k.durNs[i]!)) all += k.durNs[i]!;
  const rows: string[][] = [];
  const stats = [...groups.values()].map((g) => ({
    g,
    s: computeKernelStats(k, 'type', g.rows)[0]!,
  }));
  stats.sort((a, b) => b.s.totalNs - a.s.totalNs);
  for (const { g, s } of stats) {
    rows.push([
      g.type,
      g.core,
      String(s.count),
      us(s.totalNs),
      us(s.minNs),
      us(s.avgNs),
      us(s.maxNs),
      all > 0 ? ((s.totalNs / all) * 100).toFixed(2) : '0.00',
    ]);
  }
  return {
    path: from,
    header: [
      'OP Type',
      'Kind',
      'Count',
      'Total Time(us)',
      'Min Time(us)',
      'Avg Time(us)',
      'Max Time(us)',
      'Ratio(%)',
    ],
    rows,
  };
}

export function derivedOperatorStatistic(ops: OperatorTable, from: string): TextTable {
  const groups = computeOperatorStats(ops);
  return {
    path: from,
    header: [
      'Name',
      'Calls',
      'Nested In Same Name',
      'Host Self Time(us)',
      'Host Total Time(us)',
      'Device Self Time(us)',
      'Device Total Time(us)',
    ],
    rows: groups.map((g) => [
      g.name,
      String(g.count),
      String(g.nestedCount),
      us(g.hostSelfNs),
      us(g.hostTotalNs),
      us(g.deviceSelfNs),
      us(g.deviceTotalNs),
    ]),
  };
}
