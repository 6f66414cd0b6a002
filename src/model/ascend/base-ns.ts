/** Converting between exact (µs, ns remainder) pairs and the trace's decimal-ns time base. */

/** A decimal ns string ("1736412474607917240") split into [µs, ns remainder 0..999]. */
export function splitBaseNs(baseNs: string): [number, number] {
  const b = BigInt(baseNs);
  let us = b / 1000n;
  let frac = b % 1000n;
  if (frac < 0n) {
    frac += 1000n;
    us -= 1n;
  }
  return [Number(us), Number(frac)];
}

const cache = new Map<string, [number, number]>();

/** {@link splitBaseNs}, cached (a handful of distinct bases per session). */
export function baseParts(baseNs: string): [number, number] {
  let b = cache.get(baseNs);
  if (!b) {
    if (cache.size > 64) cache.clear();
    cache.set(baseNs, (b = splitBaseNs(baseNs)));
  }
  return b;
}

/** Exact absolute ns of a (µs, ns remainder) pair as a decimal string. */
export function pairToNsString(us: number, frac: number): string {
  return (BigInt(us) * 1000n + BigInt(frac)).toString();
}
