/**
 * Sorting and filtering of row ids, as pure functions over columns (no React, no DOM), so they
 * run the same in a worker, in tests and on the main thread.
 *
 * Every sort is numeric: a column becomes one Float64Array of keys (its numbers, or the rank of
 * its text among the column's distinct values), then row ids are sorted by key. Missing values
 * (NaN) always sort last, ties keep row order (stable), so the result is deterministic.
 *
 *     column ──sortKeys──▶ Float64Array keys ──sortOrder──▶ Uint32Array row ids (display order)
 *     filter ──filterMask─▶ Uint8Array (1 = row passes) ──applyMask──▶ the rows shown
 */
import type { ColumnDef, SortDir } from './column';
import { isFilterable } from './column';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rank (0..k-1) of each string of `strings` in collation order; equal strings share a rank. */
export function rankStrings(strings: readonly string[]): Float64Array {
  const idx = strings.map((_, i) => i);
  idx.sort((a, b) => collator.compare(strings[a]!, strings[b]!) || a - b);
  const rank = new Float64Array(strings.length);
  let r = 0;
  idx.forEach((i, k) => {
    if (k > 0 && collator.compare(strings[idx[k - 1]!]!, strings[i]!) !== 0) r++;
    rank[i] = r;
  });
  return rank;
}

/** One numeric sort key per row: the value, else the text's rank (empty text sorts last). */
export function sortKeys(c: ColumnDef, rowCount: number): Float64Array {
  const keys = new Float64Array(rowCount);
  if (c.value) {
    for (let r = 0; r < rowCount; r++) keys[r] = c.value(r);
    return keys;
  }
  if (c.dict) {
    const rank = rankStrings(c.dict.strings);
    c.dict.strings.forEach((s, i) => {
      if (s === '') rank[i] = NaN;
    });
    for (let r = 0; r < rowCount; r++) keys[r] = rank[c.dict.ids[r]!] ?? NaN;
    return keys;
  }
  const distinct = new Map<string, number>();
  const ids = new Uint32Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const s = c.text(r);
    let id = distinct.get(s);
    if (id === undefined) distinct.set(s, (id = distinct.size));
    ids[r] = id;
  }
  const strings = [...distinct.keys()];
  const rank = rankStrings(strings);
  strings.forEach((s, i) => {
    if (s === '') rank[i] = NaN;
  });
  for (let r = 0; r < rowCount; r++) keys[r] = rank[ids[r]!]!;
  return keys;
}

/** Row ids (all rows, or `subset`) ordered by key; NaN last in both directions; stable. */
export function sortOrder(
  keys: ArrayLike<number>,
  dir: SortDir,
  subset?: ArrayLike<number>,
): Uint32Array {
  const n = subset ? subset.length : keys.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = subset ? subset[i]! : i;
  const s = dir === 'asc' ? 1 : -1;
  order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x === y) return a - b;
    if (x !== x) return y !== y ? a - b : 1;
    if (y !== y) return -1;
    return x < y ? -s : s;
  });
  return order;
}

export interface FilterSpec {
  /** Case-insensitive; whitespace-separated terms must all match (in the same or other columns). */
  text: string;
  /** Only this column (id), or every filterable column when null/''. */
  column?: string | null;
  /** Exact matches required on these columns (links such as "kernels named X"). */
  exact?: readonly { column: string; value: string }[];
}

function terms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** Whether a filter would keep every row (no work needed). */
export function isEmptyFilter(f: FilterSpec): boolean {
  return terms(f.text).length === 0 && (f.exact?.length ?? 0) === 0;
}

/** Per-column test: does row r's cell contain term t (index into the term list)? */
type CellTest = (r: number, t: number) => boolean;

function cellTest(c: ColumnDef, ts: string[]): CellTest {
  if (c.dict) {
    const { ids, strings } = c.dict;
    const hits = ts.map((t) => {
      const m = new Uint8Array(strings.length);
      strings.forEach((s, i) => (m[i] = s.toLowerCase().includes(t) ? 1 : 0));
      return m;
    });
    return (r, t) => hits[t]![ids[r]!] === 1;
  }
  return (r, t) => c.text(r).toLowerCase().includes(ts[t]!);
}

function exactTest(c: ColumnDef, value: string): (r: number) => boolean {
  if (c.dict) {
    const { ids, strings } = c.dict;
    const ok = new Uint8Array(strings.length);
    strings.forEach((s, i) => (ok[i] = s === value ? 1 : 0));
    return (r) => ok[ids[r]!] === 1;
  }
  return (r) => c.text(r) === value;
}

/**
 * Which rows pass the filter (1) and which do not (0), optionally only among rows already
 * allowed by `allow` (1 = allowed). Returns `allow` itself (or null = all rows) when the filter
 * is empty. Unknown columns in `exact` match nothing.
 */
export function filterMask(
  columns: readonly ColumnDef[],
  rowCount: number,
  f: FilterSpec,
  allow: Uint8Array | null = null,
): Uint8Array | null {
  if (isEmptyFilter(f)) return allow;
  const ts = terms(f.text);
  const searched = f.column
    ? columns.filter((c) => c.id === f.column)
    : columns.filter((c) => isFilterable(c));
  const tests = searched.map((c) => cellTest(c, ts));
  const exact = (f.exact ?? []).map((e) => {
    const c = columns.find((x) => x.id === e.column);
    return c ? exactTest(c, e.value) : () => false;
  });
  const mask = new Uint8Array(rowCount);
  rows: for (let r = 0; r < rowCount; r++) {
    if (allow && allow[r] !== 1) continue;
    for (const e of exact) if (!e(r)) continue rows;
    for (let t = 0; t < ts.length; t++) {
      let found = false;
      for (const test of tests) {
        if (test(r, t)) {
          found = true;
          break;
        }
      }
      if (!found) continue rows;
    }
    mask[r] = 1;
  }
  return mask;
}

/**
 * The rows to show: `order` (or 0..rowCount-1 when null) keeping those whose mask is 1.
 * Returns null for "all rows in natural order" (no sort, no mask) to avoid a big identity array.
 */
export function applyMask(
  order: Uint32Array | null,
  rowCount: number,
  mask: Uint8Array | null,
): Uint32Array | null {
  if (!mask) return order;
  let n = 0;
  const len = order ? order.length : rowCount;
  for (let i = 0; i < len; i++) if (mask[order ? order[i]! : i] === 1) n++;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < len; i++) {
    const r = order ? order[i]! : i;
    if (mask[r] === 1) out[k++] = r;
  }
  return out;
}
