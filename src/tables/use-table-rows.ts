/**
 * The rows a table shows, from its sort and filter state. The work (sorting, filtering) runs
 * after render in a task (and in a worker for big tables); the table keeps showing the previous
 * rows, marked pending, until the new ones are ready. Results are memoized: orders per data
 * object and column (sort-runner.ts), the last filter mask per hook.
 */
import { useEffect, useRef, useState } from 'react';
import type { ColumnDef, SortSpec } from './column';
import { applyMask, filterMask, isEmptyFilter, type FilterSpec } from './query';
import { cachedOrder, computeOrder } from './sort-runner';

export interface TableRowsQuery {
  /** Identity of the data (cache key); a new object means new rows. */
  data: object;
  /** Every column that can be sorted or filtered on (not only the visible ones). */
  columns: readonly ColumnDef[];
  rowCount: number;
  sort: SortSpec | null;
  filter: FilterSpec;
  /** Extra restriction (1 = row allowed), e.g. "only in the selected range"; null = all. */
  allow: Uint8Array | null;
}

export interface TableRows {
  /** Row ids in display order; null = every row in natural order. */
  rows: Uint32Array | null;
  /** Number of rows shown. */
  count: number;
  /** True while a newer sort/filter is being computed (rows are the previous result). */
  pending: boolean;
}

interface Done {
  data: object;
  key: string;
  allow: Uint8Array | null;
  rows: Uint32Array | null;
}

interface MaskMemo {
  data: object;
  key: string;
  allow: Uint8Array | null;
  mask: Uint8Array | null;
}

function queryKey(q: TableRowsQuery): string {
  return JSON.stringify([q.sort, q.filter.text, q.filter.column ?? '', q.filter.exact ?? []]);
}

export function useTableRows(q: TableRowsQuery): TableRows {
  const trivial = !q.sort && isEmptyFilter(q.filter) && !q.allow;
  const key = queryKey(q);
  const [done, setDone] = useState<Done | null>(null);
  const maskMemo = useRef<MaskMemo | null>(null);
  const { data, columns, rowCount, sort, filter, allow } = q;

  useEffect(() => {
    if (trivial) return;
    let cancelled = false;
    const run = async () => {
      let order: Uint32Array | null = null;
      if (sort) {
        const c = columns.find((x) => x.id === sort.column);
        if (c) order = await computeOrder(data, c, sort.dir, rowCount);
      }
      if (cancelled) return;
      const fKey = JSON.stringify([filter.text, filter.column ?? '', filter.exact ?? []]);
      const memo = maskMemo.current;
      let mask: Uint8Array | null;
      if (memo && memo.data === data && memo.key === fKey && memo.allow === allow) mask = memo.mask;
      else {
        mask = filterMask(columns, rowCount, filter, allow);
        maskMemo.current = { data, key: fKey, allow, mask };
      }
      setDone({ data, key, allow, rows: applyMask(order, rowCount, mask) });
    };
    const t = setTimeout(() => void run(), 0);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
    // `filter` is compared through `key`; `allow` by identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trivial, key, data, columns, rowCount, allow]);

  if (trivial) return { rows: null, count: rowCount, pending: false };
  // A cached sort with no filter needs no round trip (tab switches, toggling back).
  if (sort && isEmptyFilter(filter) && !allow) {
    const hit = cachedOrder(data, sort.column, sort.dir);
    if (hit && hit.length === rowCount) return { rows: hit, count: hit.length, pending: false };
  }
  const fresh = done !== null && done.data === data && done.key === key && done.allow === allow;
  const rows = done && done.data === data ? done.rows : new Uint32Array(0);
  return { rows, count: rows ? rows.length : rowCount, pending: !fresh };
}
