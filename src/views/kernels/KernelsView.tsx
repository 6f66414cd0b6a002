/**
 * Kernels: every row of kernel_details (or the db's tasks; with a trace, joined onto their
 * slices for the Kind / Launched by / Launch step (trace) columns, model/analysis/kernel-join.ts),
 * else every device event of the trace
 * (the analysis layer's table: Kineto kernels, copies and NCCL kernels; Ascend hardware tasks and
 * communication ops), virtualised, sortable, filterable,
 * groupable (count, total, avg, min, max, p50, p90, share), exportable. A click shows the
 * kernel's slice on the timeline; the kernel of the slice selected on the timeline is
 * highlighted here.
 */
import { t } from '../../i18n/t';
import { useMemo, useState } from 'react';
import { formatCount } from '../../lib/format';
import type { KernelTable } from '../../model/ascend-data';
import { analyzeProfile } from '../../model/analysis/analyze';
import { kernelTraceJoin } from '../../model/analysis/kernel-join';
import { findKernelRow, findKernelSlice } from '../../model/ascend/kernel-link';
import type { KernelGroupBy } from '../../model/ascend/kernel-stats';
import type { ProfileModel } from '../../model/profile';
import { kernelStatsForRows } from '../../model/derive/kernel-groups';
import { kernelTimelineStarts, rangeMask } from '../../model/derive/range-filter';
import type { TimeSpan } from '../../model/units';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { GroupedTableToolbar, useGroupBy, useGroupedTable } from '../common/GroupedTable';
import { MissingData } from '../common/MissingData';
import { showSlice } from '../common/navigate';
import { SourceNote } from '../common/SourceNote';
import { useTableView } from '../common/use-table-view';
import { ViewTable } from '../common/ViewTable';
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
  const k = analyzeProfile(profile).kernels;
  if (!k) {
    return (
      <div className="view">
        <MissingData
          profile={profile}
          files={['kernel_details.csv']}
          what="kernel"
          traceReason="it has no device events: no Ascend Hardware tasks and no Kineto kernel, gpu_memcpy or gpu_memset (or Kernel, Memcpy, Memset) slices"
          hint={t('kernels:a_db_export_provides_the_same')}
        />
      </div>
    );
  }
  return <KernelsTable profile={profile} kernels={k.table} source={k.source} />;
}

/** "From the trace (…)" for tables the analysis layer derived from the trace. */
export function traceSourceNote(source: string, what: string): string | null {
  if (source === 'trace') return `From the trace: ${what}`;
  if (source === 'db')
    return `From the profiler db's timeline (ascend_pytorch_profiler.db): ${what}`;
  return null;
}

function KernelsTable({
  profile,
  kernels: k,
  source,
}: {
  profile: ProfileModel;
  kernels: KernelTable;
  source: string;
}) {
  const store = useAppStoreApi();
  const trace = profile.trace;
  const baseNs = trace?.baseNs ?? null;
  const join = useMemo(
    () => (k.source === 'trace' ? null : kernelTraceJoin(profile)),
    [k, profile],
  );
  const columns = useMemo(() => kernelColumns(k, baseNs, join), [k, baseNs, join]);
  const mask = useMemo(
    () =>
      baseNs === null
        ? undefined
        : (r: TimeSpan) => rangeMask(kernelTimelineStarts(k, baseNs), k.durNs, r),
    [k, baseNs],
  );
  const groupBy = useGroupBy<KernelGroupBy>('kernels');
  const view = useTableView({
    id: 'kernels',
    data: k,
    columns,
    rowCount: k.length,
    defaultVisible: kernelDefaultVisible,
    rangeMask: mask,
    noSort: groupBy !== '',
  });
  const grouped = useGroupedTable({
    view,
    groupBy,
    data: k,
    statsForRows: kernelStatsForRows,
    groupColumns: kernelGroupColumns,
    keyColumns: GROUP_COLUMNS,
  });
  const { groupView, openGroup } = grouped;

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

  return (
    <div className="view" data-testid="kernels-view">
      <header className="view-header">
        <h1>{t('kernels:kernels')}</h1>
        {k.source === 'trace' ? (
          <span className="source-note" data-testid="source-note">
            {traceSourceNote(
              source,
              'one row per device event (kernels, copies, synchronisation, communication ops); Kind = compute / communication / memory / other',
            )}
          </span>
        ) : (
          <SourceNote sources={profile.ascend.sources} keys={['kernels']} />
        )}
        {join && (
          <span className="source-note" data-testid="kernel-trace-join">
            {join.unmatchedEvents > 0
              ? t('kernels:trace_join_note_unmatched', {
                  matched: formatCount(join.matched),
                  total: formatCount(k.length),
                  unmatched: formatCount(join.unmatchedEvents),
                })
              : t('kernels:trace_join_note', {
                  matched: formatCount(join.matched),
                  total: formatCount(k.length),
                })}
          </span>
        )}
        <span className="muted small">
          {groupBy
            ? t('kernels:click_a_group_to_list_its')
            : t('kernels:click_a_kernel_or_press_enter')}
        </span>
      </header>
      <GroupedTableToolbar
        view={view}
        grouped={grouped}
        noun="kernels"
        options={GROUP_OPTIONS}
        filterPlaceholder={t('kernels:filter_name_type_core_shapes')}
      />
      {(note || linkedHidden) && (
        <div className="view-note" role="status">
          {note ?? t('kernels:the_kernel_of_the_slice_selected')}
          <button type="button" className="link" onClick={() => setNote(null)} hidden={!note}>
            {t('kernels:dismiss')}
          </button>
        </div>
      )}
      {groupBy ? (
        <ViewTable
          key="groups"
          ariaLabel={t('kernels:kernel_groups')}
          testId="kernel-groups"
          view={groupView}
          onRowActivate={openGroup}
          busy={view.pending || groupView.pending}
          emptyText={t('kernels:no_kernels_match_the_filter')}
        />
      ) : (
        <ViewTable
          key="rows"
          ariaLabel={t('kernels:kernels')}
          testId="kernel-table"
          view={view}
          selectedRow={linkedRow >= 0 ? linkedRow : null}
          revealRow={linkedRow >= 0 ? { row: linkedRow, seq: selected } : null}
          onRowActivate={activate}
          emptyText={t('kernels:no_kernels_match_the_filter')}
        />
      )}
    </div>
  );
}
