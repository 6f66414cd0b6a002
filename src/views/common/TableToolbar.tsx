/**
 * The toolbar above a table view: filter box (any column or one), focus chips set by links,
 * "only in selected range", extra controls (group-by…), row count, columns menu, CSV export.
 */
import { t } from '../../i18n/t';
import type { ReactNode } from 'react';
import { formatCount, formatDuration } from '../../lib/format';
import { ColumnChooser } from '../../tables/ColumnChooser';
import { downloadCsv } from '../../tables/csv-export';
import { FilterInput } from '../../tables/FilterInput';
import type { ColumnDef } from '../../tables/column';
import type { TableView } from './use-table-view';

export interface TableToolbarProps {
  view: TableView;
  /** What the count counts ("kernels"). */
  noun: string;
  /** CSV file name (without extension). */
  exportName: string;
  /** What to export when it is not the view's own rows (e.g. the group table). */
  exportTable?: { columns: readonly ColumnDef[]; rows: ArrayLike<number> | null; rowCount: number };
  /** Why the table cannot be limited to a time range (shown instead of the toggle). */
  noRangeReason?: string;
  children?: ReactNode;
  /** Hide the columns menu (e.g. while showing groups). */
  hideColumns?: boolean;
  filterPlaceholder?: string;
  /** Replaces the row count (e.g. "12 groups of 191 kernels"). */
  countText?: string;
}

export function TableToolbar(p: TableToolbarProps) {
  const v = p.view;
  const st = v.state;
  const hasRange = v.range !== null;
  const shown = v.count;
  const doExport = () => {
    const t = p.exportTable ?? { columns: v.visible, rows: v.rows, rowCount: v.rowCount };
    downloadCsv(p.exportName, t.columns, t.rows, t.rowCount);
  };
  return (
    <div
      className="view-toolbar"
      role="toolbar"
      aria-label={`${nounText(p.noun)} ${t('common:table_controls')}`}
    >
      <FilterInput
        value={st.filter}
        onChange={(filter) => v.patch({ filter })}
        placeholder={p.filterPlaceholder}
        columns={v.all}
        column={st.filterColumn}
        onColumnChange={(filterColumn) => v.patch({ filterColumn })}
      />
      {st.focus.map((f, i) => (
        <span className="chip" key={`${f.column}=${f.value}`} data-testid="focus-chip">
          <span className="chip-key">
            {v.all.find((c) => c.id === f.column)?.label ?? f.column}
          </span>
          <span className="chip-value" title={f.value}>
            {f.value || t('common:empty')}
          </span>
          <button
            type="button"
            aria-label={`${t('common:remove_filter')} ${f.column} = ${f.value}`}
            onClick={() => v.patch({ focus: st.focus.filter((_, j) => j !== i) })}
          >
            ×
          </button>
        </span>
      ))}
      {hasRange && v.timeBased && (
        <label className="toggle" title={t('common:keep_only_rows_that_overlap_the')}>
          <input
            type="checkbox"
            data-testid="only-in-range"
            checked={st.onlyInRange}
            onChange={(e) => v.patch({ onlyInRange: e.currentTarget.checked })}
          />

          {t('common:only_in_selected_range')}
          <span className="muted"> ({formatDuration(v.range!.end - v.range!.start)})</span>
        </label>
      )}
      {hasRange && p.noRangeReason && <RangeUnavailable reason={p.noRangeReason} />}
      {p.children}
      <span className="spacer" />
      <span className="count" data-testid="row-count" aria-live="polite">
        {v.pending ? t('common:working') + ' ' : ''}
        {p.countText ??
          (shown === v.rowCount
            ? `${formatCount(v.rowCount)} ${nounText(p.noun)}`
            : `${t('common:n_of_total', { n: formatCount(shown), total: formatCount(v.rowCount) })} ${nounText(p.noun)}`)}
      </span>
      {!p.hideColumns && (
        <ColumnChooser
          columns={v.all}
          isVisible={v.isVisible}
          onChange={v.setVisible}
          onShowAll={v.showAll}
          onReset={v.resetColumns}
        />
      )}
      <button type="button" className="tt-button" data-testid="export-csv" onClick={doExport}>
        {t('common:export_csv')}
      </button>
    </div>
  );
}

function RangeUnavailable({ reason }: { reason: string }) {
  return (
    <span className="muted small" title={reason} data-testid="range-unavailable">
      {t('common:range_filter_unavailable')} {reason}
    </span>
  );
}

/** A table's noun ("kernels", also its CSV export name) in the interface language. */
export function nounText(noun: string): string {
  switch (noun) {
    case 'kernels':
      return t('common:noun_kernels');
    case 'operators':
      return t('common:noun_operators');
    case 'rows':
      return t('common:noun_rows');
    case 'ops':
      return t('common:noun_ops');
    case 'collectives':
      return t('common:noun_collectives');
    case 'ranks':
      return t('common:noun_ranks');
    case 'allocations':
      return t('common:noun_allocations');
    default:
      return noun;
  }
}
