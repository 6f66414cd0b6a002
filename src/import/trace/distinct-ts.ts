/**
 * Distinct timestamps counted by ranges: each scan worker sorts its own exact timestamps
 * (`sortedDistinct`, in parallel), and the import worker counts the union of those sorted runs in
 * one linear merge (`countUnion`) instead of sorting every timestamp of the file on one core.
 *
 * A timestamp is the exact pair (µs integer, ns remainder 0..999), so two are equal exactly when
 * their pairs are. A single scan counts the same way, with one run (`computeTimeBase`).
 */

/** Sorted distinct (µs, ns remainder) pairs, ascending. */
export interface DistinctTs {
  us: Float64Array;
  frac: Uint16Array;
}

/** Within this many µs of the reference, `(us - ref) * 1000 + frac` is an exact integer key. */
const NEAR_US = 4e12;

/** The sorted distinct pairs of one or more (µs, ns remainder) columns. */
export function sortedDistinct(columns: readonly [Float64Array, Uint16Array][]): DistinctTs {
  let n = 0;
  for (const [us] of columns) n += us.length;
  let ref = NaN;
  for (const [us] of columns) if (us.length > 0 && ref !== ref) ref = us[0]!;
  const keys = new Float64Array(n);
  let k = 0;
  const farUs: number[] = [];
  const farFrac: number[] = [];
  for (const [us, frac] of columns) {
    for (let i = 0; i < us.length; i++) {
      const d = us[i]! - ref;
      if (Math.abs(d) < NEAR_US) keys[k++] = d * 1000 + frac[i]!;
      else {
        farUs.push(us[i]!);
        farFrac.push(frac[i]!);
      }
    }
  }
  const sorted = keys.subarray(0, k).sort();
  const near: DistinctTs = { us: new Float64Array(k), frac: new Uint16Array(k) };
  let m = 0;
  for (let i = 0; i < k; i++) {
    const key = sorted[i]!;
    if (i > 0 && key === sorted[i - 1]) continue;
    let q = Math.floor(key / 1000);
    let r = key - q * 1000;
    if (r < 0) {
      q--;
      r += 1000;
    } else if (r >= 1000) {
      q++;
      r -= 1000;
    }
    near.us[m] = ref + q;
    near.frac[m++] = r;
  }
  const nearRun = { us: near.us.subarray(0, m), frac: near.frac.subarray(0, m) };
  if (farUs.length === 0) return { us: nearRun.us.slice(), frac: nearRun.frac.slice() };
  const order = farUs
    .map((_, i) => i)
    .sort((a, b) => farUs[a]! - farUs[b]! || farFrac[a]! - farFrac[b]!);
  const far: DistinctTs = {
    us: new Float64Array(order.length),
    frac: new Uint16Array(order.length),
  };
  let f = 0;
  for (const i of order) {
    if (f > 0 && far.us[f - 1] === farUs[i] && far.frac[f - 1] === farFrac[i]) continue;
    far.us[f] = farUs[i]!;
    far.frac[f++] = farFrac[i]!;
  }
  return mergeDistinct([nearRun, { us: far.us.subarray(0, f), frac: far.frac.subarray(0, f) }]);
}

/** Calls `visit` with each pair of the union of sorted distinct runs, once, ascending. */
function unionOf(runs: readonly DistinctTs[], visit: (us: number, frac: number) => void): void {
  const at = runs.map(() => 0);
  for (;;) {
    let best = -1;
    let bu = 0;
    let bf = 0;
    for (let r = 0; r < runs.length; r++) {
      const i = at[r]!;
      const run = runs[r]!;
      if (i >= run.us.length) continue;
      const u = run.us[i]!;
      const f = run.frac[i]!;
      if (best < 0 || u < bu || (u === bu && f < bf)) {
        best = r;
        bu = u;
        bf = f;
      }
    }
    if (best < 0) return;
    visit(bu, bf);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r]!;
      const i = at[r]!;
      if (i < run.us.length && run.us[i] === bu && run.frac[i] === bf) at[r] = i + 1;
    }
  }
}

function mergeDistinct(runs: readonly DistinctTs[]): DistinctTs {
  let n = 0;
  for (const r of runs) n += r.us.length;
  const us = new Float64Array(n);
  const frac = new Uint16Array(n);
  let k = 0;
  unionOf(runs, (u, f) => {
    us[k] = u;
    frac[k++] = f;
  });
  return { us: us.slice(0, k), frac: frac.slice(0, k) };
}

/** How many distinct pairs the sorted distinct runs hold together. */
export function countUnion(runs: readonly DistinctTs[]): number {
  if (runs.length === 1) return runs[0]!.us.length;
  let n = 0;
  unionOf(runs, () => n++);
  return n;
}
