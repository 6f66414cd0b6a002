/**
 * Group-by for a table view (Kernels, Operators): the group-by key kept in the table's state,
 * statistics per group over the rows the filter keeps, the group table's own view (sort, widths,
 * share bars), opening a group (back to the rows, focused on its key), and the toolbar with the
 * group-by menu, the "N groups of M rows" count and the export of whichever table is shown.
 */
import { t } from '../../i18n/t';
import { useMemo } from 'react';
import { formatCount } from '../../lib/format';
import { useAppStore } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { SHARE_COLUMN_ID } from './group-columns';
import { ShareBar } from './ShareBar';
import { TableToolbar } from './TableToolbar';
import { useTableView, type TableView } from './use-table-view';

/** What a group row needs: its key values (one per key column) and its share of the total. */
export interface GroupRow {
  parts: readonly string[];
  share: number;
}

/** The group-by key stored in a table's state ('' = not grouped). */
export function useGroupBy<K extends string>(tableId: string): '' | K {
  return useAppStore((s) => s.tableStates[tableId]?.groupBy ?? '') as '' | K;
}

export interface GroupedTableOptions<D, K extends string, G extends GroupRow> {
  /** The view of the rows being grouped. */
  view: TableView;
  groupBy: '' | K;
  data: D;
  /** Groups over `rows` (all when null). A stable function: it is a memo dependency. */
  statsForRows: (data: D, by: K, rows: ArrayLike<number> | null) => G[];
  /** Columns of the group table. A stable function: it is a memo dependency. */
  groupColumns: (groups: readonly G[], by: K) => ColumnDef[];
  /** The row-table columns a group's key values stand for, per group-by key. */
  keyColumns: Readonly<Record<K, readonly string[]>>;
}

export interface GroupedTable<K extends string, G extends GroupRow> {
  groupBy: '' | K;
  groups: G[];
  groupView: TableView;
  /** Leaves grouping and focuses the rows on group `r`'s key values. */
  openGroup: (r: number) => void;
}

export function useGroupedTable<D, K extends string, G extends GroupRow>(
  o: GroupedTableOptions<D, K, G>,
): GroupedTable<K, G> {
  const { view, groupBy, data, statsForRows, groupColumns: columnsOf, keyColumns } = o;
  // Grouped: statistics over the rows the filter keeps.
  const groups = useMemo(
    () => (groupBy ? statsForRows(data, groupBy, view.rows) : []),
    [data, groupBy, view.rows, statsForRows],
  );
  const groupColumns = useMemo(
    () =>
      groupBy
        ? columnsOf(groups, groupBy).map((c) =>
            c.id === SHARE_COLUMN_ID
              ? { ...c, render: (r: number) => <ShareBar value={groups[r]!.share} /> }
              : c,
          )
        : [],
    [groups, groupBy, columnsOf],
  );
  const groupView = useTableView({
    id: `${view.id}.groups`,
    data: groups,
    columns: groupColumns,
    rowCount: groups.length,
  });
  const openGroup = (r: number) => {
    const g = groups[r];
    if (!g || !groupBy) return;
    const cols = keyColumns[groupBy];
    view.patch({
      groupBy: '',
      focus: [
        ...view.state.focus.filter((f) => !cols.includes(f.column)),
        ...cols.map((column, i) => ({ column, value: g.parts[i] ?? '' })),
      ],
    });
  };
  return { groupBy, groups, groupView, openGroup };
}

export interface GroupedTableToolbarProps<K extends string> {
  view: TableView;
  grouped: GroupedTable<K, GroupRow>;
  /** What the rows are ("kernels"): the count's noun and the CSV name. */
  noun: string;
  options: readonly { value: '' | K; label: string }[];
  filterPlaceholder: string;
  noRangeReason?: string;
}

export function GroupedTableToolbar<K extends string>(p: GroupedTableToolbarProps<K>) {
  const { view, noun } = p;
  const { groupBy, groups, groupView } = p.grouped;
  return (
    <TableToolbar
      view={view}
      noun={noun}
      exportName={groupBy ? `${noun}_by_${groupBy}` : noun}
      exportTable={
        groupBy
          ? { columns: groupView.visible, rows: groupView.rows, rowCount: groups.length }
          : undefined
      }
      hideColumns={groupBy !== ''}
      noRangeReason={p.noRangeReason}
      filterPlaceholder={p.filterPlaceholder}
      countText={
        groupBy
          ? `${t('common:groups_of_n', { groups: formatCount(groups.length), n: formatCount(view.count) })} ${noun}`
          : undefined
      }
    >
      <select
        className="tt-select"
        aria-label={t('common:group_by')}
        data-testid="group-by"
        value={groupBy}
        onChange={(e) => view.patch({ groupBy: e.currentTarget.value })}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </TableToolbar>
  );
}
