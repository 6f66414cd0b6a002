/**
 * The string tables of consecutive ranges joined into one, without duplicates. Each range hashes
 * its own strings where it was scanned (`hashStrings`, in the scan worker), so the import worker
 * only probes an integer table and compares a string on a hash match: no string is hashed on
 * the one core that merges.
 */

/** FNV-1a over UTF-16 code units (any stable hash works: equal strings hash equal). */
export function hashStrings(strings: readonly string[]): Int32Array {
  const out = new Int32Array(strings.length);
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k]!;
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    out[k] = h;
  }
  return out;
}

/**
 * One table for several ranges' strings, in order of first appearance (range by range), and per
 * range the map from its ids to the joined ids. `hashes[k]` is range k's `hashStrings` (computed
 * here when absent).
 */
export function mergeStrings(
  tables: readonly (readonly string[])[],
  hashes: readonly (Int32Array | undefined)[],
): { strings: string[]; maps: Uint32Array[] } {
  let total = 0;
  for (const t of tables) total += t.length;
  let cap = 16;
  while (cap < total * 2) cap *= 2;
  const mask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  const idHash = new Int32Array(total);
  const strings: string[] = [];
  const maps = tables.map((table, k) => {
    const h = hashes[k] ?? hashStrings(table);
    const map = new Uint32Array(table.length);
    for (let i = 0; i < table.length; i++) {
      const s = table[i]!;
      const hi = h[i]!;
      let slot = hi & mask;
      for (;;) {
        const id = slots[slot]!;
        if (id < 0) {
          const nid = strings.length;
          slots[slot] = nid;
          idHash[nid] = hi;
          strings.push(s);
          map[i] = nid;
          break;
        }
        if (idHash[id] === hi && strings[id] === s) {
          map[i] = id;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return map;
  });
  return { strings, maps };
}
