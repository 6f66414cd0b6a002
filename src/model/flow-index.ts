/**
 * The lookups the timeline needs over a FlowTable — flows leaving / entering each slice, the
 * categories with counts, flows by time — built once, in the import worker (finalize-trace.ts),
 * so the page receives them with the model instead of sorting on its main thread.
 */
import type { FlowIndex, FlowTable } from './trace-model';

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

export function buildFlowIndex(
  f: FlowTable,
  tracks: number,
  strings: readonly string[],
): FlowIndex {
  const n = f.length;
  const out = bucketSort(n, tracks, f.fromTrack, f.fromSlice);
  const inn = bucketSort(n, tracks, f.toTrack, f.toSlice);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(f.cat[i]!, (counts.get(f.cat[i]!) ?? 0) + 1);
  const cats = [...counts]
    .map(([id, count]) => ({ id, name: strings[id] ?? '', count }))
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
