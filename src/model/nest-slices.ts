/**
 * Nesting of one thread's slices, with Perfetto's ordering rule and overflow lanes.
 *
 * Order: start ascending, then longer duration first, then input (file) order. Intervals are
 * half-open [start, end): a slice that starts exactly where another ends is its sibling, not its
 * child. A slice that starts inside the open slice on top of the stack but ends after it
 * (a partial overlap) cannot nest; it goes to the overflow lane instead of being dropped,
 * unless it ends within NEST_TOLERANCE_NS of it (torch_npu's sub-µs overlaps) or it is a landmark
 * (a step), which stays and sends the slices it overlaps to the overflow lane instead.
 */
import { SliceFlag } from './trace-model';

/** Returns the permutation that sorts slices by (start asc, dur desc, index asc), or null if sorted. */
export function sliceOrder(start: Float64Array, dur: Float64Array): Uint32Array | null {
  const n = start.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    const ds = start[i]! - start[i - 1]!;
    if (ds < 0 || (ds === 0 && dur[i]! > dur[i - 1]!)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return null;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => start[a]! - start[b]! || dur[b]! - dur[a]! || a - b);
  return idx;
}

/**
 * The permutation that orders one thread's slices for nesting, or null if already in order:
 * start ascending; at equal start, longer first, then file order (`seq`), except that a
 * zero-length X goes right before the first B/E slice of that start written after it in the
 * file. So a zero-length X written before a B at the same ts is the B's sibling, not its child
 * (as in Perfetto, whose sorter keeps B and zero-length X in file order, and catapult, which keeps
 * file order at equal start), while B/E and X slices of equal start still nest longest-first
 * (Perfetto would put every positive X before a B of the same ts, turning a B/E parent of an X
 * child into a partial overlap: 207 such slices in catapult's thread_time_visualisation sample).
 */
export function threadSliceOrder(
  start: Float64Array,
  dur: Float64Array,
  flags: Uint8Array,
  seq: Float64Array,
): Uint32Array | null {
  const n = start.length;
  const isZeroX = (i: number) => dur[i] === 0 && (flags[i]! & SliceFlag.FromBE) === 0;
  let sorted = true;
  let zeroX = false;
  for (let i = 0; i < n; i++) {
    if (isZeroX(i)) zeroX = true;
    if (i === 0 || !sorted) continue;
    const ds = start[i]! - start[i - 1]!;
    if (
      ds < 0 ||
      (ds === 0 && (dur[i]! > dur[i - 1]! || (dur[i] === dur[i - 1] && seq[i]! < seq[i - 1]!)))
    )
      sorted = false;
  }
  let idx: Uint32Array;
  if (sorted) {
    if (!zeroX) return null;
    idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
  } else {
    idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    idx.sort((a, b) => start[a]! - start[b]! || dur[b]! - dur[a]! || seq[a]! - seq[b]! || a - b);
  }
  if (zeroX) placeZeroLengthX(idx, start, flags, seq, isZeroX);
  return idx;
}

/** Within each run of equal start, moves zero-length X before the first later-written B/E slice. */
function placeZeroLengthX(
  idx: Uint32Array,
  start: Float64Array,
  flags: Uint8Array,
  seq: Float64Array,
  isZeroX: (i: number) => boolean,
): void {
  const n = idx.length;
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && start[idx[b]!] === start[idx[a]!]) b++;
    if (b - a > 1) {
      const run = Array.from(idx.subarray(a, b));
      const zeros = run.filter(isZeroX).sort((x, y) => seq[x]! - seq[y]!);
      if (zeros.length > 0 && zeros.length < run.length) {
        const out: number[] = [];
        let z = 0;
        for (const i of run) {
          if (isZeroX(i)) continue;
          if (flags[i]! & SliceFlag.FromBE)
            while (z < zeros.length && seq[zeros[z]!]! < seq[i]!) out.push(zeros[z++]!);
          out.push(i);
        }
        while (z < zeros.length) out.push(zeros[z++]!);
        idx.set(out, a);
      }
    }
    a = b;
  }
}

export interface Nesting {
  depth: Uint16Array;
  parent: Int32Array;
  /** 1 where the slice partially overlaps and belongs on the overflow lane. */
  overflow: Uint8Array;
  overflowCount: number;
  rows: number;
  /**
   * The first partial overlap: the slice sent to the overflow lane, the open slice it overlaps
   * (its would-be parent), and by how long (ns, from the slice's start to that slice's end).
   */
  firstOverlap: { index: number; other: number; overlapNs: number } | null;
  /** Slices nested although they end less than NEST_TOLERANCE_NS after their parent. */
  toleratedCount: number;
}

const MAX_DEPTH = 65535;

/**
 * A slice that ends less than this (ns) after the slice it starts in still nests as its child
 * (a whole µs or more is a real overlap: µs-resolution traces step by whole µs).
 * torch_npu writes Python-function slices that overlap their parent by fractions of a µs
 * (clock reads in different places); a strict rule sends the whole stack below such a slice,
 * steps included, to the overflow lane. Times stay exact: only the nesting tolerates it (the
 * child's end counts as its parent's end when placing the slices after it).
 */
export const NEST_TOLERANCE_NS = 1000;

export interface NestOptions {
  /** Overlap tolerated when nesting (default NEST_TOLERANCE_NS; 0 = strict). */
  toleranceNs?: number;
  /**
   * Landmarks (1 = e.g. a `ProfilerStep#N`) that never go to the overflow lane: the open slices
   * they partially overlap go there instead.
   */
  keep?: Uint8Array;
}

/** Nests sorted slices (see {@link sliceOrder}). */
export function nestSlices(
  start: Float64Array,
  dur: Float64Array,
  opts: NestOptions = {},
): Nesting {
  const tol = opts.toleranceNs ?? NEST_TOLERANCE_NS;
  const keep = opts.keep;
  let demoted: Uint8Array | null = null;
  // A landmark that would overflow demotes the open slices it overlaps, then nesting runs again
  // (each pass demotes more, so it ends; a few passes in practice).
  for (let pass = 0; ; pass++) {
    const r = nestPass(start, dur, tol, pass < 8 ? keep : undefined, demoted);
    if (!r.demote) return r.nesting;
    demoted ??= new Uint8Array(start.length);
    for (const i of r.demote) demoted[i] = 1;
  }
}

function nestPass(
  start: Float64Array,
  dur: Float64Array,
  tol: number,
  keep: Uint8Array | undefined,
  demoted: Uint8Array | null,
): { nesting: Nesting; demote: number[] | null } {
  const n = start.length;
  const depth = new Uint16Array(n);
  const parent = new Int32Array(n);
  const overflow = new Uint8Array(n);
  const stack = new Int32Array(Math.min(n, MAX_DEPTH) + 1);
  const stackEnd = new Float64Array(stack.length);
  let top = 0;
  let rows = 0;
  let overflowCount = 0;
  let firstOverlap: Nesting['firstOverlap'] = null;
  let toleratedCount = 0;
  let demote: number[] | null = null;
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    let e = s + dur[i]!;
    if (demoted?.[i]) {
      overflow[i] = 1;
      overflowCount++;
      parent[i] = -1;
      continue;
    }
    while (
      top > 0 &&
      stackEnd[top - 1]! <= s &&
      !(dur[i] === 0 && stackEnd[top - 1] === s && start[stack[top - 1]!] === s)
    )
      top--;
    if (top > 0 && e > stackEnd[top - 1]!) {
      if (e - stackEnd[top - 1]! < tol) {
        toleratedCount++;
        e = stackEnd[top - 1]!;
      } else {
        if (keep?.[i]) {
          // The open slices that end before this landmark go to the overflow lane instead.
          const out: number[] = [];
          for (let k = top - 1; k >= 0 && stackEnd[k]! + tol < e && !keep[stack[k]!]; k--)
            out.push(stack[k]!);
          if (out.length > 0) (demote ??= []).push(...out);
        }
        firstOverlap ??= { index: i, other: stack[top - 1]!, overlapNs: stackEnd[top - 1]! - s };
        overflow[i] = 1;
        overflowCount++;
        parent[i] = -1;
        continue;
      }
    }
    if (top >= MAX_DEPTH) {
      overflow[i] = 1;
      overflowCount++;
      parent[i] = -1;
      continue;
    }
    parent[i] = top > 0 ? stack[top - 1]! : -1;
    depth[i] = top;
    if (top + 1 > rows) rows = top + 1;
    stack[top] = i;
    stackEnd[top] = e;
    top++;
  }
  return {
    nesting: { depth, parent, overflow, overflowCount, rows, firstOverlap, toleratedCount },
    demote,
  };
}

/**
 * Lays out slices that could not nest (overflow) on rows: each goes to the lowest row whose last
 * slice has ended. Input sorted by start. Returns the row of each slice and the row count.
 * Rows are kept in two heaps (busy ones by end time, free ones by index), so a slice costs
 * O(log rows): scanning every row was quadratic on a staircase of partial overlaps.
 */
export function packRows(
  start: Float64Array,
  dur: Float64Array,
): { row: Uint16Array; rows: number } {
  const row = new Uint16Array(start.length);
  const rowEnd: number[] = [];
  const busy = new MinHeap();
  const free = new MinHeap();
  const isFree = new Uint8Array(MAX_DEPTH);
  for (let i = 0; i < start.length; i++) {
    const s = start[i]!;
    while (busy.size > 0 && busy.topKey() <= s) {
      const r = busy.pop();
      // A row piled on at the depth limit has older entries: free it only once it has ended.
      if (!isFree[r] && rowEnd[r]! <= s) {
        isFree[r] = 1;
        free.push(r, r);
      }
    }
    let r: number;
    if (free.size > 0) {
      r = free.pop();
      isFree[r] = 0;
    } else r = Math.min(rowEnd.length, MAX_DEPTH - 1);
    const e = s + Math.max(dur[i]!, 0);
    rowEnd[r] = e === e ? e : -Infinity; // a NaN end never blocks its row
    row[i] = r;
    busy.push(rowEnd[r]!, r);
  }
  return { row, rows: rowEnd.length };
}

/** A binary min-heap of (key, value) number pairs. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    const k = this.keys;
    const v = this.values;
    let i = k.length;
    k.push(key);
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }

  /** Removes the entry with the smallest key; returns its value. */
  pop(): number {
    const k = this.keys;
    const v = this.values;
    const top = v[0]!;
    const key = k.pop()!;
    const value = v.pop()!;
    const n = k.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && k[c + 1]! < k[c]!) c++;
      if (k[c]! >= key) break;
      k[i] = k[c]!;
      v[i] = v[c]!;
      i = c;
    }
    k[i] = key;
    v[i] = value;
    return top;
  }
}
