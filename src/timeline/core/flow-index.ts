/**
 * Lookups over a trace's FlowTable, built once per model (memoized by reference): the flows
 * leaving / entering a slice, the flow categories with counts, and the flows meeting a time
 * window (for drawing every visible arrow).
 */
import { lowerBound } from '../../lib/bisect';
import type { FlowTable, SliceTable, TraceModel } from '../../model/trace-model';

export interface FlowCategory {
  /** Interned id in the trace's strings. */
  id: number;
  name: string;
  count: number;
}

export interface FlowIndex {
  /** Flow rows sorted by (fromTrack, fromSlice); `outStart[track]` is where a track begins. */
  outOrder: Uint32Array;
  outStart: Uint32Array;
  inOrder: Uint32Array;
  inStart: Uint32Array;
  cats: FlowCategory[];
  /** Flow rows sorted by their earlier end; `timeMin` holds that time, ascending. */
  timeOrder: Uint32Array;
  timeMin: Float64Array;
  /** Longest |toTs - fromTs|: how far back a window query must look. */
  maxSpan: number;
}

const cache = new WeakMap<FlowTable, FlowIndex>();

export function flowIndex(t: TraceModel): FlowIndex {
  let fi = cache.get(t.flows);
  if (!fi) {
    fi = build(t);
    cache.set(t.flows, fi);
  }
  return fi;
}

function bucketSort(
  n: number,
  tracks: number,
  track: Int32Array,
  slice: Int32Array,
): { order: Uint32Array; starts: Uint32Array } {
  const starts = new Uint32Array(tracks + 1);
  for (let i = 0; i < n; i++) starts[track[i]! + 1]!++;
  for (let k = 0; k < tracks; k++) starts[k + 1]! += starts[k]!;
  const fill = starts.slice(0, tracks);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[track[i]!]!++] = i;
  for (let k = 0; k < tracks; k++) {
    const sub = order.subarray(starts[k], starts[k + 1]);
    let sorted = true;
    for (let j = 1; j < sub.length && sorted; j++) sorted = slice[sub[j - 1]!]! <= slice[sub[j]!]!;
    if (!sorted) sub.sort((a, b) => slice[a]! - slice[b]! || a - b);
  }
  return { order, starts };
}

function build(t: TraceModel): FlowIndex {
  const f = t.flows;
  const n = f.length;
  const tracks = t.sliceTracks.length;
  const out = bucketSort(n, tracks, f.fromTrack, f.fromSlice);
  const inn = bucketSort(n, tracks, f.toTrack, f.toSlice);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(f.cat[i]!, (counts.get(f.cat[i]!) ?? 0) + 1);
  const cats = [...counts]
    .map(([id, count]) => ({ id, name: t.strings[id] ?? '', count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const mins = new Float64Array(n);
  let maxSpan = 0;
  for (let i = 0; i < n; i++) {
    const a = f.fromTs[i]!;
    const b = f.toTs[i]!;
    mins[i] = Math.min(a, b);
    maxSpan = Math.max(maxSpan, Math.abs(b - a));
  }
  const timeOrder = new Uint32Array(n);
  for (let i = 0; i < n; i++) timeOrder[i] = i;
  timeOrder.sort((a, b) => mins[a]! - mins[b]! || a - b);
  const timeMin = new Float64Array(n);
  for (let i = 0; i < n; i++) timeMin[i] = mins[timeOrder[i]!]!;
  return {
    outOrder: out.order,
    outStart: out.starts,
    inOrder: inn.order,
    inStart: inn.starts,
    cats,
    timeOrder,
    timeMin,
    maxSpan,
  };
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
