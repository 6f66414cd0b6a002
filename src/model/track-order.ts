/**
 * Display order of processes and threads: `process_sort_index` / `thread_sort_index` first, then
 * first appearance. Ascend profiles get their natural reading order on top of that:
 * Python → CANN → Ascend Hardware → HCCL/Communication → Overlap Analysis → counter processes.
 */
import type { ProcessModel, ThreadModel, TraceModel } from './trace-model';

const ASCEND_RANK: Record<string, number> = {
  Python: 0,
  'Python GC': 1,
  CANN: 2,
  'Ascend Hardware': 3,
  HCCL: 4,
  Communication: 4,
  'Overlap Analysis': 5,
};

export function isAscendTrace(model: Pick<TraceModel, 'processes'>): boolean {
  return model.processes.some(
    (p) => p.name === 'Ascend Hardware' || p.name === 'Overlap Analysis' || p.name === 'CANN',
  );
}

function ascendRank(p: ProcessModel): number {
  const r = p.name !== null ? ASCEND_RANK[p.name] : undefined;
  if (r !== undefined) return r;
  const countersOnly =
    p.threads.length === 0 && p.asyncTracks.length === 0 && p.counters.length > 0;
  return countersOnly ? 10 : 8;
}

function bySortIndex(a: number | null, b: number | null): number {
  return (a ?? Infinity) - (b ?? Infinity) || 0;
}

/** Process indices in display order. */
export function processDisplayOrder(model: Pick<TraceModel, 'processes'>): number[] {
  const ascend = isAscendTrace(model);
  const idx = model.processes.map((_, i) => i);
  return idx.sort((a, b) => {
    const pa = model.processes[a]!;
    const pb = model.processes[b]!;
    if (ascend) {
      const r = ascendRank(pa) - ascendRank(pb);
      if (r !== 0) return r;
    }
    const s = bySortIndex(pa.sortIndex, pb.sortIndex);
    if (s !== 0 && !Number.isNaN(s)) return s;
    return a - b;
  });
}

/** Thread indices of a process in display order. */
export function threadDisplayOrder(
  threads: readonly ThreadModel[],
  ids: readonly number[],
): number[] {
  return [...ids].sort((a, b) => {
    const ta = threads[a]!;
    const tb = threads[b]!;
    const s = bySortIndex(ta.sortIndex, tb.sortIndex);
    if (s !== 0 && !Number.isNaN(s)) return s;
    const na = Number(ta.tid);
    const nb = Number(tb.tid);
    if (ta.tid !== '' && tb.tid !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb)
      return na - nb;
    return a - b;
  });
}
