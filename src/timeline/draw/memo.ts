/**
 * Caches for values the drawing derives from data that does not change between frames (a
 * palette, a theme, a row, a series): computed on the first frame that needs them, then reused.
 */

interface CacheMap<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** `cache`'s value for `key`, made by `make` (a function that captures nothing) on first use. */
export function memoized<K, V>(cache: CacheMap<K, V>, key: K, make: (key: K) => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    cache.set(key, v);
  }
  return v;
}
