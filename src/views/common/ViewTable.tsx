/**
 * A DataTable bound to a TableView (use-table-view.ts): the view's visible columns, rows, sort
 * and column widths, and its "working" state, so a view passes only what is its own (label,
 * test id, selection, row activation, empty text).
 */
import { DataTable, ROW_HEIGHT, type DataTableProps } from '../../tables/DataTable';
import type { TableView } from './use-table-view';

/** Space a table box needs beside its rows (header and borders), CSS px. */
const TABLE_CHROME_PX = 30;

export type ViewTableProps = Omit<
  DataTableProps,
  'columns' | 'rows' | 'rowCount' | 'sort' | 'onSortChange' | 'columnWidths' | 'onColumnResize'
> & {
  view: TableView;
};

/** `busy` defaults to the view's pending state; pass it to override (e.g. `false`). */
export function ViewTable({ view, busy = view.pending, ...rest }: ViewTableProps) {
  return (
    <DataTable
      {...rest}
      columns={view.visible}
      rows={view.rows}
      rowCount={view.rowCount}
      sort={view.sort}
      onSortChange={view.setSort}
      columnWidths={view.widths}
      onColumnResize={view.setWidth}
      busy={busy}
    />
  );
}

/** Height of a box that shows up to `maxPx` of a table of `rowCount` rows (at least `minRows`). */
export function tableBoxHeight(rowCount: number, maxPx: number, minRows = 3): number {
  return Math.min(maxPx, TABLE_CHROME_PX + Math.max(rowCount, minRows) * ROW_HEIGHT);
}
