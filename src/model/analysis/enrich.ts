/**
 * Side-file enrichment of trace entities: the kernel_details row (or the db's task row) of a
 * device slice — shapes, block dim, wait, PMU ratios — for the timeline's details panel, as
 * MindStudio Insight shows it. The link is exact (same name and start; see kernel-link.ts).
 */
import { findKernelRow } from '../ascend/kernel-link';
import type { ProfileModel } from '../profile';

export interface KernelEnrichment {
  /** Where the row comes from: 'kernel_details.csv' or the db. */
  source: string;
  row: number;
  /** Header → value, in the file's column order, empty values left out. */
  fields: [string, string][];
}

export function kernelEnrichment(
  p: ProfileModel,
  track: number,
  index: number,
): KernelEnrichment | null {
  const k = p.ascend.kernels;
  const trace = p.trace;
  if (!k || !trace || k.source === 'trace') return null;
  const row = findKernelRow(k, trace, track, index);
  if (row < 0) return null;
  const cells = k.text.rows[row] ?? [];
  const fields: [string, string][] = [];
  k.text.header.forEach((h, c) => {
    const v = (cells[c] ?? '').trim();
    if (v !== '' && v !== 'N/A') fields.push([h, v]);
  });
  return {
    source:
      k.source === 'csv'
        ? 'kernel_details.csv'
        : 'ascend_pytorch_profiler.db (TASK, COMPUTE_TASK_INFO)',
    row,
    fields,
  };
}
