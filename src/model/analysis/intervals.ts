/**
 * Interval arithmetic on half-open [start, end) ns intervals: unions, intersections and
 * differences as lengths. A union is a sorted list of disjoint intervals as a flat array
 * [s0, e0, s1, e1, …] so large unions stay in one typed buffer.
 */

/** Sorted, disjoint intervals as a flat [s0, e0, s1, e1, …] array. */
export type Union = Float64Array;

/** Merges intervals given as parallel start/end arrays into a union. */
export function unionOf(starts: ArrayLike<number>, ends: ArrayLike<number>): Union {
  const n = starts.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => starts[a]! - starts[b]!);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const s = starts[i]!;
    const e = ends[i]!;
    if (!(e > s)) continue;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else out.push(s, e);
  }
  return Float64Array.from(out);
}

/** Total length of a union. */
export function unionLength(u: Union): number {
  let n = 0;
  for (let i = 0; i < u.length; i += 2) n += u[i + 1]! - u[i]!;
  return n;
}

/** Length of the intersection of two unions. */
export function intersectLength(a: Union, b: Union): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (e > s) n += e - s;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return n;
}

/** The union of two unions. */
export function mergeUnions(a: Union, b: Union): Union {
  const s = new Float64Array((a.length + b.length) / 2);
  const e = new Float64Array(s.length);
  let k = 0;
  for (const u of [a, b]) {
    for (let i = 0; i < u.length; i += 2, k++) {
      s[k] = u[i]!;
      e[k] = u[i + 1]!;
    }
  }
  return unionOf(s, e);
}

/** Length of the part of a union inside [from, to). */
export function clippedLength(u: Union, from: number, to: number): number {
  // First pair whose end is after `from` (ends are sorted in a union).
  let lo = 0;
  let hi = u.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u[mid * 2 + 1]! <= from) lo = mid + 1;
    else hi = mid;
  }
  let n = 0;
  for (let i = lo * 2; i < u.length && u[i]! < to; i += 2) {
    const s = Math.max(u[i]!, from);
    const e = Math.min(u[i + 1]!, to);
    if (e > s) n += e - s;
  }
  return n;
}
