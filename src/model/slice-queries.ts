/**
 * Point queries on a nested, start-sorted SliceTable (flow binding, hit-testing, linking).
 */
import { lowerBound, upperBound } from '../lib/bisect';
import type { SliceTable } from './trace-model';

/**
 * The deepest slice containing `ts` (half-open; a zero-length slice contains its own start).
 * Walks up the parent chain from the last slice starting at or before ts: in a properly nested
 * table the deepest enclosing slice is always an ancestor-or-self of that one.
 */
export function enclosingSlice(t: SliceTable, ts: number): number {
  let i = upperBound(t.start, ts, 0, t.length) - 1;
  while (i >= 0) {
    const s = t.start[i]!;
    const e = s + t.dur[i]!;
    if (ts < e || (ts === s && ts === e)) return i;
    i = t.parent[i]!;
  }
  return -1;
}

/** The first slice starting at or after `ts` (the shallowest one at that start), or -1. */
export function nextSliceAtOrAfter(t: SliceTable, ts: number): number {
  const i = lowerBound(t.start, ts, 0, t.length);
  return i < t.length ? i : -1;
}

/** Indices of the direct children of slice i (they follow it in start order). */
export function childrenOf(t: SliceTable, i: number): number[] {
  const out: number[] = [];
  const start = t.start[i]!;
  const end = start + t.dur[i]!;
  for (let j = i + 1; j < t.length && (t.start[j]! < end || t.start[j] === start); j++) {
    if (t.parent[j] === i) out.push(j);
  }
  return out;
}

/** Finds a slice with exactly this start and name id, or -1. */
export function findSliceAt(t: SliceTable, start: number, nameId: number): number {
  let i = lowerBound(t.start, start, 0, t.length);
  for (; i < t.length && t.start[i] === start; i++) if (t.name[i] === nameId) return i;
  return -1;
}
