/**
 * Lookups over a trace's FlowTable (index built by the import worker, or here once per table): the flows
 * leaving / entering a slice, the flow categories with counts, and the flows meeting a time
 * window (for drawing every visible arrow).
 */
import { lowerBound } from '../../lib/bisect';
import { buildFlowIndex } from '../../model/flow-index';
import type { FlowIndex, FlowTable, SliceTable, TraceModel } from '../../model/trace-model';

export type { FlowIndex } from '../../model/trace-model';

const cache = new WeakMap<FlowTable, FlowIndex>();

/** The trace's flow index: the one the import worker built, or built here once (memoized). */
export function flowIndex(t: TraceModel): FlowIndex {
  if (t.flows.index) return t.flows.index;
  let fi = cache.get(t.flows);
  if (!fi) {
    fi = buildFlowIndex(t.flows, t.sliceTracks.length, t.strings);
    cache.set(t.flows, fi);
  }
  return fi;
}

function lookup(
  order: Uint32Array,
  starts: Uint32Array,
  slices: Int32Array,
  track: number,
  slice: number,
): number[] {
  if (track < 0 || track + 1 >= starts.length) return [];
  let lo = starts[track]!;
  let hi = starts[track + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slices[order[mid]!]! < slice) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let k = lo; k < starts[track + 1]! && slices[order[k]!] === slice; k++) out.push(order[k]!);
  return out;
}

/** Flow rows leaving slice (track, slice). */
export function flowsFrom(t: TraceModel, track: number, slice: number): number[] {
  const fi = flowIndex(t);
  return lookup(fi.outOrder, fi.outStart, t.flows.fromSlice, track, slice);
}

/** Flow rows entering slice (track, slice). */
export function flowsTo(t: TraceModel, track: number, slice: number): number[] {
  const fi = flowIndex(t);
  return lookup(fi.inOrder, fi.inStart, t.flows.toSlice, track, slice);
}

/** Indices of the descendants of slice i (contiguous after it in start order). */
export function descendantRange(s: SliceTable, i: number): [number, number] {
  const start = s.start[i]!;
  const end = start + s.dur[i]!;
  const depth = s.depth[i]!;
  let j = i + 1;
  while (
    j < s.length &&
    s.depth[j]! > depth &&
    (s.start[j]! < end || (s.start[j] === start && s.dur[i] === 0))
  )
    j++;
  return [i + 1, j];
}

/**
 * Flows of a slice in one direction; when it has none, the flows of its descendants (a CPU op
 * whose launch is recorded on a child, e.g. aten::add → aclnnAdd → kernel). At most `limit`.
 */
export function flowsOfSubtree(
  t: TraceModel,
  track: number,
  slice: number,
  dir: 'out' | 'in',
  limit = 64,
): { flows: number[]; fromDescendants: boolean } {
  const own = dir === 'out' ? flowsFrom(t, track, slice) : flowsTo(t, track, slice);
  if (own.length > 0) return { flows: own.slice(0, limit), fromDescendants: false };
  const s = t.sliceTracks[track]?.slices;
  if (!s) return { flows: [], fromDescendants: false };
  const [a, b] = descendantRange(s, slice);
  const out: number[] = [];
  for (let j = a; j < b && out.length < limit && j - a < 200_000; j++) {
    const f = dir === 'out' ? flowsFrom(t, track, j) : flowsTo(t, track, j);
    for (const x of f) if (out.length < limit) out.push(x);
  }
  return { flows: out, fromDescendants: out.length > 0 };
}

/** Calls `cb` for flow rows that may meet [t0, t1] (both ends tested by the caller), ≤ limit. */
export function forEachFlowInWindow(
  t: TraceModel,
  t0: number,
  t1: number,
  limit: number,
  cb: (row: number) => void,
): void {
  const fi = flowIndex(t);
  const f = t.flows;
  let k = lowerBound(fi.timeMin, t0 - fi.maxSpan);
  let emitted = 0;
  for (; k < fi.timeMin.length && fi.timeMin[k]! <= t1 && emitted < limit; k++) {
    const row = fi.timeOrder[k]!;
    if (Math.max(f.fromTs[row]!, f.toTs[row]!) < t0) continue;
    cb(row);
    emitted++;
  }
}
