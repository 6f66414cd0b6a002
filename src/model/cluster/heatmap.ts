/**
 * The rank × step heatmap's data: one row per rank (filtered to a group, ordered by rank or
 * slowest first), one column per step, the chosen metric's values, and per step the median
 * across the shown ranks, so a cell can be coloured by its value or by how far it sits from its
 * step's median.
 */
import { clusterMatrix, type ClusterMetric } from './analyze';
import type { RankSummary } from './rank-summary';

export type RowOrder = 'rank' | 'slowest';

export interface HeatmapRows {
  ranks: number[];
  hosts: (string | null)[];
  steps: string[];
  /** Row-major values (µs), NaN where missing. */
  values: Float64Array;
  /** Per step: median across the shown ranks (NaN when none). */
  stepMedian: Float64Array;
  /** Per row: mean over its steps (NaN when none). */
  rowMean: Float64Array;
  /** Finite value range over all cells (NaN when none). */
  min: number;
  max: number;
  /** Largest |value / median − 1| over all cells (0 when none). */
  maxDeviation: number;
}

export function heatmapRows(
  ranks: readonly RankSummary[],
  metric: ClusterMetric,
  only: ReadonlySet<number> | null,
  order: RowOrder,
): HeatmapRows {
  const shown = only ? ranks.filter((r) => only.has(r.rank)) : ranks;
  const m = clusterMatrix(shown, metric);
  const hostOf = new Map(shown.map((r) => [r.rank, r.host]));
  const nSteps = m.steps.length;
  const rowMean = m.values.map((row) => mean(row));
  let rows = m.ranks.map((_, i) => i);
  if (order === 'slowest')
    rows = rows.sort(
      (a, b) =>
        (Number.isNaN(rowMean[b]!) ? -Infinity : rowMean[b]!) -
          (Number.isNaN(rowMean[a]!) ? -Infinity : rowMean[a]!) || m.ranks[a]! - m.ranks[b]!,
    );
  const values = new Float64Array(rows.length * nSteps).fill(NaN);
  let min = NaN;
  let max = NaN;
  rows.forEach((src, i) => {
    const row = m.values[src]!;
    for (let j = 0; j < nSteps; j++) {
      const v = row[j];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      values[i * nSteps + j] = v;
      if (!(v >= min)) min = v;
      if (!(v <= max)) max = v;
    }
  });
  const stepMedian = new Float64Array(nSteps).fill(NaN);
  let maxDeviation = 0;
  for (let j = 0; j < nSteps; j++) {
    const col: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const v = values[i * nSteps + j]!;
      if (!Number.isNaN(v)) col.push(v);
    }
    if (col.length === 0) continue;
    col.sort((a, b) => a - b);
    const mid = col.length >> 1;
    const med = col.length % 2 ? col[mid]! : (col[mid - 1]! + col[mid]!) / 2;
    stepMedian[j] = med;
    if (med > 0) for (const v of col) maxDeviation = Math.max(maxDeviation, Math.abs(v / med - 1));
  }
  return {
    ranks: rows.map((i) => m.ranks[i]!),
    hosts: rows.map((i) => hostOf.get(m.ranks[i]!) ?? null),
    steps: m.steps,
    values,
    stepMedian,
    rowMean: Float64Array.from(rows, (i) => rowMean[i]!),
    min,
    max,
    maxDeviation,
  };
}

/** value / median − 1 (NaN when either is missing or the median is 0). */
export function deviation(value: number, median: number): number {
  return Number.isFinite(value) && Number.isFinite(median) && median > 0 ? value / median - 1 : NaN;
}

function mean(row: readonly (number | null)[]): number {
  let s = 0;
  let n = 0;
  for (const v of row) {
    if (v === null || !Number.isFinite(v)) continue;
    s += v;
    n++;
  }
  return n > 0 ? s / n : NaN;
}
