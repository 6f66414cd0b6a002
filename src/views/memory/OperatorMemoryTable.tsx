/**
 * operator_memory as a table: each allocation with its size, times and totals. Allocation and
 * release times are shown since the trace start (the timeline's origin, like every other view;
 * the file's epoch µs in the tooltip) and are links that frame that moment on the timeline.
 */
import { t as tr } from '../../i18n/t';
import { useMemo } from 'react';
import type { ProfileModel, TextTable } from '../../model/profile';
import { absUsTextToTimelineNs } from '../../model/derive/abs-time';
import { rangeMask } from '../../model/derive/range-filter';
import type { TimeSpan } from '../../model/units';
import { useAppStoreApi } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { textGridColumns } from '../../tables/text-columns';
import { isHostProcess, showNamedSlice } from '../common/navigate';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { tableBoxHeight, ViewTable } from '../common/ViewTable';
import { formatOffsetNs } from '../kernels/kernel-columns';

const TIME_COLUMNS = ['Allocation Time(us)', 'Release Time(us)', 'Active Release Time(us)'];
const HIDDEN = new Set([
  'Active Release Time(us)',
  'Active Duration(us)',
  'Release Total Allocated(MB)',
  'Release Total Reserved(MB)',
  'Release Total Active(MB)',
  'Stream Ptr',
]);

export function OperatorMemoryTable({
  profile,
  table,
}: {
  profile: ProfileModel;
  table: TextTable;
}) {
  const store = useAppStoreApi();
  const baseNs = profile.trace?.baseNs ?? null;
  const times = useMemo(() => {
    const at = (c: number) =>
      Float64Array.from(table.rows, (r) =>
        baseNs === null || c < 0 ? NaN : absUsTextToTimelineNs(r[c] ?? '', baseNs),
      );
    return {
      alloc: at(table.header.indexOf(TIME_COLUMNS[0]!)),
      release: at(table.header.indexOf(TIME_COLUMNS[1]!)),
    };
  }, [table, baseNs]);
  const durs = useMemo(() => {
    const end = profile.trace?.endNs ?? Infinity;
    // An allocation never released within the capture lasts to its end.
    return times.alloc.map((a, i) =>
      Number.isFinite(times.release[i]!) ? times.release[i]! - a : end - a,
    );
  }, [times, profile.trace]);
  const nameCol = table.header.indexOf('Name');
  const columns = useMemo((): ColumnDef[] => {
    return textGridColumns(table).map((c) => {
      if (!TIME_COLUMNS.includes(c.id) || baseNs === null) return c;
      return {
        ...c,
        label: c.label.replace(/\(us\)$/, '(on timeline)'),
        title: `${c.label}${tr('memory:shown_since_the_trace_start_file')}`,
        width: 170,
        render: (r: number) => {
          const text = c.text(r);
          if (!text) return '';
          const t = absUsTextToTimelineNs(text, baseNs);
          if (!Number.isFinite(t)) return text;
          return (
            <button
              type="button"
              className="link"
              title={`${text} ${tr('memory:s_since_the_epoch_in_operator')} ${formatOffsetNs(t)} ${tr('memory:since_the_trace_start_show_it')}`}
              onClick={(e) => {
                e.stopPropagation();
                // An allocation selects the operator that allocated (its host slice).
                const alloc = c.id === TIME_COLUMNS[0];
                const d = alloc && Number.isFinite(durs[r]!) ? durs[r]! : 0;
                const name = alloc ? (table.rows[r]?.[nameCol] ?? '') : '';
                showNamedSlice(
                  store,
                  profile.descriptor.id,
                  profile.trace,
                  { name, at: t, process: isHostProcess },
                  { jump: true, fallback: { start: t, end: t + d } },
                );
              }}
            >
              {formatOffsetNs(t)}
            </button>
          );
        },
      };
    });
  }, [table, baseNs, durs, store, profile, nameCol]);
  const defaultVisible = useMemo(() => (c: ColumnDef) => !HIDDEN.has(c.id), []);
  const mask = useMemo(
    () => (baseNs === null ? undefined : (r: TimeSpan) => rangeMask(times.alloc, durs, r)),
    [baseNs, times, durs],
  );
  const view = useTableView({
    id: 'operatorMemory',
    data: table,
    columns,
    rowCount: table.rows.length,
    defaultVisible,
    rangeMask: mask,
  });
  return (
    <section className="panel" data-testid="operator-memory">
      <h2>
        {tr('memory:allocations_by_operator')}{' '}
        <span className="muted">{tr('memory:operator_memory_csv_click_a_time')}</span>
      </h2>
      <TableToolbar
        view={view}
        noun="allocations"
        exportName="operator_memory"
        filterPlaceholder={tr('memory:filter_operator')}
      />
      <div className="ops-table" style={{ height: tableBoxHeight(table.rows.length, 460) }}>
        <ViewTable
          ariaLabel={tr('memory:operator_memory')}
          testId="operator-memory-table"
          view={view}
          emptyText={tr('memory:no_allocations_match_the_filter')}
        />
      </div>
    </section>
  );
}
