/**
 * Binds a DataTable to the store's views slice: the table's sort, filter, focus chips, group-by
 * and "only in range" state, the chosen columns and widths, and the rows they produce.
 */
import { useCallback, useMemo } from 'react';
import type { ColumnDef, SortSpec } from '../../tables/column';
import { useTableRows } from '../../tables/use-table-rows';
import { useAppStore } from '../../store/use-app-store';
import { selectTableState, type TableViewState } from '../../store/views-slice';
import type { TimeSpan } from '../../model/units';

export interface TableViewOptions {
  id: string;
  /** Cache identity of the data (e.g. the KernelTable). */
  data: object;
  columns: readonly ColumnDef[];
  rowCount: number;
  /** Default column choice (the user's choice overrides it). */
  defaultVisible?: (c: ColumnDef) => boolean;
  /** Rows overlapping a timeline range (1 = keep); omit when the table has no times. */
  rangeMask?: (range: TimeSpan) => Uint8Array;
  /** Skip sorting (e.g. the rows are only grouped). */
  noSort?: boolean;
}

export interface TableView {
  id: string;
  state: TableViewState;
  patch: (p: Partial<TableViewState>) => void;
  all: readonly ColumnDef[];
  visible: ColumnDef[];
  isVisible: (id: string) => boolean;
  setVisible: (id: string, v: boolean) => void;
  showAll: () => void;
  resetColumns: () => void;
  widths: Readonly<Record<string, number>> | undefined;
  setWidth: (id: string, w: number) => void;
  sort: SortSpec | null;
  setSort: (s: SortSpec | null) => void;
  rows: Uint32Array | null;
  count: number;
  rowCount: number;
  pending: boolean;
  /** The timeline range when one exists and the table can filter by time. */
  range: TimeSpan | null;
  rangeActive: boolean;
  timeBased: boolean;
}

export function useTableView(o: TableViewOptions): TableView {
  const { id, defaultVisible, columns } = o;
  const state = useAppStore(selectTableState(id));
  const setTableState = useAppStore((s) => s.setTableState);
  const choice = useAppStore((s) => s.columnVisibility[id]);
  const widths = useAppStore((s) => s.columnWidths[id]);
  const setColumnVisible = useAppStore((s) => s.setColumnVisible);
  const resetColumns = useAppStore((s) => s.resetColumns);
  const setColumnWidth = useAppStore((s) => s.setColumnWidth);
  const range = useAppStore((s) => s.range);

  const isVisible = useCallback(
    (cid: string) => {
      const v = choice?.[cid];
      if (v !== undefined) return v;
      const c = columns.find((x) => x.id === cid);
      return !c || !defaultVisible || defaultVisible(c);
    },
    [choice, columns, defaultVisible],
  );
  const visible = useMemo(() => {
    const v = columns.filter((c) => isVisible(c.id));
    return v.length > 0 ? v : columns.slice(0, 1);
  }, [columns, isVisible]);

  const timeBased = o.rangeMask !== undefined;
  const rangeActive = timeBased && state.onlyInRange && range !== null;
  const { rangeMask } = o;
  const allow = useMemo(
    () => (rangeActive && range && rangeMask ? rangeMask(range) : null),
    [rangeActive, range, rangeMask],
  );
  const filter = useMemo(
    () => ({ text: state.filter, column: state.filterColumn || null, exact: state.focus }),
    [state.filter, state.filterColumn, state.focus],
  );
  const sort = o.noSort ? null : state.sort;
  const result = useTableRows({
    data: o.data,
    columns,
    rowCount: o.rowCount,
    sort,
    filter,
    allow,
  });
  const patch = useCallback(
    (p: Partial<TableViewState>) => setTableState(id, p),
    [id, setTableState],
  );
  return {
    id,
    state,
    patch,
    all: columns,
    visible,
    isVisible,
    setVisible: (cid, v) => setColumnVisible(id, cid, v),
    showAll: () => columns.forEach((c) => setColumnVisible(id, c.id, true)),
    resetColumns: () => resetColumns(id),
    widths,
    setWidth: (cid, w) => setColumnWidth(id, cid, w),
    sort: state.sort,
    setSort: (s) => patch({ sort: s }),
    rows: result.rows,
    count: result.count,
    rowCount: o.rowCount,
    pending: result.pending,
    range: timeBased ? range : null,
    rangeActive,
    timeBased,
  };
}
