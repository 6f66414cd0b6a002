/** Test helper: seeded slice tables for the level-of-detail and column tests. */
import type { SliceTable } from '../../model/trace-model';

/**
 * One depth of non-overlapping slices from a seeded generator: bursts of tiny ones, some long
 * ones, gaps. Names: all `name` (default 0), or drawn from 1..`names` per slice; the first slice
 * starts at 1000 ns, or up to 5 µs later with `randomStart`.
 */
export function randomLane(
  n: number,
  seed: number,
  o: { names?: number; name?: number; randomStart?: boolean } = {},
): SliceTable {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
  const start = new Float64Array(n);
  const dur = new Float64Array(n);
  const name = new Uint32Array(n).fill(o.name ?? 0);
  let t = 1000 + (o.randomStart ? Math.floor(rand() * 5000) : 0);
  for (let i = 0; i < n; i++) {
    dur[i] = rand() < 0.01 ? 2e6 * rand() + 1e5 : 50 + Math.floor(rand() * 500);
    start[i] = t;
    if (o.names) name[i] = 1 + Math.floor(rand() * o.names);
    t += dur[i]! + (rand() < 0.05 ? 1e6 * rand() : Math.floor(rand() * 300));
  }
  return {
    length: n,
    start,
    dur,
    depth: new Uint16Array(n),
    parent: new Int32Array(n).fill(-1),
    name,
    cat: new Uint32Array(n),
    args: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
    rows: 1,
  };
}
