/**
 * Kernels: every row of kernel_details (or the db's tasks), virtualised, sortable, filterable,
 * groupable (count, total, avg, min, max, p50, p90, share), exportable. A click shows the
 * kernel's slice on the timeline; the kernel of the slice selected on the timeline is
 * highlighted here.
 */
import { useMemo, useState } from 'react';
import type { KernelTable } from '../../model/ascend-data';
import { findKernelRow, findKernelSlice } from '../../model/ascend/kernel-link';
import type { KernelGroupBy } from '../../model/ascend/kernel-stats';
import type { ProfileModel } from '../../model/profile';
import { kernelStatsForRows } from '../../model/views/kernel-groups';
import { kernelTimelineStarts, rangeMask } from '../../model/views/range-filter';
import type { TimeSpan } from '../../model/units';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { DataTable } from '../../tables/DataTable';
import { MissingData } from '../common/MissingData';
import { showSlice } from '../common/navigate';
import { ShareBar } from '../common/ShareBar';
import { SourceNote } from '../common/SourceNote';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import {
  GROUP_COLUMNS,
  GROUP_OPTIONS,
  kernelColumns,
  kernelDefaultVisible,
  kernelGroupColumns,
} from './kernel-columns';
import '../views.css';

export function KernelsView() {
  const profile = useAppStore(selectActiveProfile);
  if (!profile) return null;
  const k = profile.ascend.kernels;
  if (!k) {
    return (
      <div className="view">
        <MissingData
          profile={profile}
          files={['kernel_details.csv']}
          what="kernel"
          hint="A db export provides the same table from ascend_pytorch_profiler.db (TASK and COMPUTE_TASK_INFO)."
        />
      </div>
    );
  }
  return <KernelsTable profile={profile} kernels={k} />;
}

function KernelsTable({ profile, kernels: k }: { profile: ProfileModel; kernels: KernelTable }) {
  const store = useAppStoreApi();
  const trace = profile.trace;
  const baseNs = trace?.baseNs ?? null;
  const columns = useMemo(() => kernelColumns(k, baseNs), [k, baseNs]);
  const mask = useMemo(
    () =>
      baseNs === null
        ? undefined
        : (r: TimeSpan) => rangeMask(kernelTimelineStarts(k, baseNs), k.durNs, r),
    [k, baseNs],
  );
  const groupBy = useAppStore((s) => s.tableStates['kernels']?.groupBy ?? '') as '' | KernelGroupBy;
  const view = useTableView({
    id: 'kernels',
    data: k,
    columns,
    rowCount: k.length,
    defaultVisible: kernelDefaultVisible,
    rangeMask: mask,
    noSort: groupBy !== '',
  });

  // Grouped: statistics over the rows the filter keeps.
  const groups = useMemo(
    () => (groupBy ? kernelStatsForRows(k, groupBy, view.rows) : []),
    [k, groupBy, view.rows],
  );
  const groupColumns = useMemo(() => {
    if (!groupBy) return [];
    return kernelGroupColumns(groups, groupBy).map((c) =>
      c.id === 'share' ? { ...c, render: (r: number) => <ShareBar value={groups[r]!.share} /> } : c,
    );
  }, [groups, groupBy]);
  const groupView = useTableView({
    id: 'kernels.groups',
    data: groups,
    columns: groupColumns,
    rowCount: groups.length,
  });

  // The kernel of the slice selected on the timeline.
  const selected = useAppStore((s) => s.selected);
  const linkedRow = useMemo(
    () =>
      selected && trace && selected.profileId === profile.descriptor.id
        ? findKernelRow(k, trace, selected.track, selected.index)
        : -1,
    [selected, trace, k, profile.descriptor.id],
  );
  const linkedHidden = useMemo(() => {
    if (linkedRow < 0 || groupBy) return false;
    const rows = view.rows;
    if (!rows) return false;
    for (let i = 0; i < rows.length; i++) if (rows[i] === linkedRow) return false;
    return true;
  }, [linkedRow, view.rows, groupBy]);
  const [note, setNote] = useState<string | null>(null);

  const activate = (row: number) => {
    const name = k.strings[k.name[row]!] ?? '';
    if (!trace) {
      setNote('This profile has no trace, so there is no timeline to show the kernel on.');
      return;
    }
    const ref = findKernelSlice(trace, k, row);
    if (!ref) {
      setNote(`No slice on the timeline matches ${name} (same name and exact start).`);
      return;
    }
    setNote(null);
    showSlice(store, profile.descriptor.id, trace, ref, true);
  };

  const openGroup = (r: number) => {
    const g = groups[r];
    if (!g || !groupBy) return;
    const cols = GROUP_COLUMNS[groupBy];
    view.patch({
      groupBy: '',
      focus: [
        ...view.state.focus.filter((f) => !cols.includes(f.column)),
        ...cols.map((column, i) => ({ column, value: g.parts[i] ?? '' })),
      ],
    });
  };

  return (
    <div className="view" data-testid="kernels-view">
      <header className="view-header">
        <h1>Kernels</h1>
        <SourceNote sources={profile.ascend.sources} keys={['kernels']} />
        <span className="muted small">
          {groupBy
            ? 'Click a group to list its kernels.'
            : 'Click a kernel (or press Enter) to show it on the timeline.'}
        </span>
      </header>
      <TableToolbar
        view={view}
        noun="kernels"
        exportName={groupBy ? `kernels_by_${groupBy}` : 'kernels'}
        exportTable={
          groupBy
            ? { columns: groupView.visible, rows: groupView.rows, rowCount: groups.length }
            : undefined
        }
        hideColumns={groupBy !== ''}
        filterPlaceholder="Filter name, type, core, shapes…"
        countText={
          groupBy
            ? `${groups.length.toLocaleString('en-US')} groups of ${view.count.toLocaleString('en-US')} kernels`
            : undefined
        }
      >
        <select
          className="tt-select"
          aria-label="Group by"
          data-testid="group-by"
          value={groupBy}
          onChange={(e) => view.patch({ groupBy: e.currentTarget.value })}
        >
          {GROUP_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </TableToolbar>
      {(note || linkedHidden) && (
        <div className="view-note" role="status">
          {note ?? 'The kernel of the slice selected on the timeline is hidden by the filter.'}
          <button type="button" className="link" onClick={() => setNote(null)} hidden={!note}>
            Dismiss
          </button>
        </div>
      )}
      {groupBy ? (
        <DataTable
          key="groups"
          ariaLabel="Kernel groups"
          testId="kernel-groups"
          columns={groupView.visible}
          rows={groupView.rows}
          rowCount={groups.length}
          sort={groupView.sort}
          onSortChange={groupView.setSort}
          columnWidths={groupView.widths}
          onColumnResize={groupView.setWidth}
          onRowActivate={openGroup}
          busy={view.pending || groupView.pending}
          emptyText="No kernels match the filter."
        />
      ) : (
        <DataTable
          key="rows"
          ariaLabel="Kernels"
          testId="kernel-table"
          columns={view.visible}
          rows={view.rows}
          rowCount={k.length}
          sort={view.sort}
          onSortChange={view.setSort}
          columnWidths={view.widths}
          onColumnResize={view.setWidth}
          selectedRow={linkedRow >= 0 ? linkedRow : null}
          revealRow={linkedRow >= 0 ? { row: linkedRow, seq: selected } : null}
          onRowActivate={activate}
          busy={view.pending}
          emptyText="No kernels match the filter."
        />
      )}
    </div>
  );
}
