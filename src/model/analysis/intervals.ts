/**
 * Interval arithmetic on half-open [start, end) ns intervals: unions, intersections and
 * differences as lengths. A union is a sorted list of disjoint intervals as a flat array
 * [s0, e0, s1, e1, …] so large unions stay in one typed buffer.
 */

/** Sorted, disjoint intervals as a flat [s0, e0, s1, e1, …] array. */
export type Union = Float64Array;

/**
 * Merges intervals given as parallel start/end arrays into a union (touching intervals merge;
 * empty and NaN ones are dropped). Sweeps the starts and the ends, each sorted on its own by the
 * engine's native numeric sort (no comparator calls, which dominated the import's analysis):
 * a segment opens when the count of open intervals goes from 0 to 1 and closes when it returns
 * to 0, starts before ends at equal times.
 */
export function unionOf(starts: ArrayLike<number>, ends: ArrayLike<number>): Union {
  const n = starts.length;
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = starts[i]!;
    const b = ends[i]!;
    if (!(b > a)) continue;
    s[m] = a;
    e[m++] = b;
  }
  if (m === 0) return new Float64Array(0);
  const S = s.subarray(0, m).sort();
  const E = e.subarray(0, m).sort();
  // At most one segment per interval.
  const out = new Float64Array(2 * m);
  let k = 0;
  let i = 0;
  let j = 0;
  let open = 0;
  let from = 0;
  // Every interval ends after it starts, so an end never comes before the start it closes.
  while (i < m) {
    if (S[i]! <= E[j]!) {
      if (open++ === 0) from = S[i]!;
      i++;
    } else {
      if (--open === 0) {
        out[k++] = from;
        out[k++] = E[j]!;
      }
      j++;
    }
  }
  out[k++] = from;
  out[k++] = E[m - 1]!;
  return out.slice(0, k);
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
