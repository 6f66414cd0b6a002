/**
 * Operators: every row of operator_details (torch operators with host and device times), else
 * every CPU op of the trace with its device time through launch flows (the analysis layer),
 * sortable, filterable, groupable by name (or name + input shapes), exportable. A row expands
 * to its input shapes and call stack (click, or Enter).
 */
import { t } from '../../i18n/t';
import { useCallback, useMemo, useState } from 'react';
import type { OperatorTable } from '../../model/ascend-data';
import { analyzeProfile } from '../../model/analysis/analyze';
import type { ProfileModel } from '../../model/profile';
import { operatorStatsForRows, type OperatorGroupBy } from '../../model/derive/kernel-groups';
import { selectActiveProfile } from '../../store/selectors';
import type { AppStore } from '../../store/app-store';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import type { RowDetail } from '../../tables/DataTable';
import type { ColumnDef } from '../../tables/column';
import { GroupedTableToolbar, useGroupBy, useGroupedTable } from '../common/GroupedTable';
import { MissingData } from '../common/MissingData';
import { isHostProcess, showNamedSlice } from '../common/navigate';
import { SourceNote } from '../common/SourceNote';
import { toggled } from '../common/toggled';
import { useTableView } from '../common/use-table-view';
import { ViewTable } from '../common/ViewTable';
import {
  OPERATOR_COLUMN,
  OPERATOR_GROUP_COLUMNS,
  OPERATOR_GROUP_OPTIONS,
  callSite,
  cellLines,
  operatorColumns,
  operatorGroupColumns,
} from './operator-columns';
import '../views.css';

const LINE_PX = 17;
const MAX_DETAIL_PX = 340;
/** The "Show on timeline" button's line in an expanded row. */
const SHOW_PX = 30;

export function OperatorsView() {
  const profile = useAppStore(selectActiveProfile);
  if (!profile) return null;
  const ops = analyzeProfile(profile).operators;
  if (!ops) {
    return (
      <div className="view">
        <MissingData
          profile={profile}
          files={['operator_details.csv']}
          what="operator"
          traceReason="it has no torch operators (slices of category cpu_op or Operator)"
        />
      </div>
    );
  }
  return <OperatorsTable profile={profile} ops={ops.table} source={ops.source} />;
}

/** The operator's host slice: the n-th call of that name in the table is the n-th slice. */
function showOperator(store: AppStore, profile: ProfileModel, ops: OperatorTable, row: number) {
  const id = ops.name[row]!;
  let occurrence = 0;
  for (let i = 0; i < row; i++) if (ops.name[i] === id) occurrence++;
  const name = ops.strings[id] ?? '';
  showNamedSlice(
    store,
    profile.descriptor.id,
    profile.trace,
    { name, occurrence, process: isHostProcess },
    { jump: true },
  );
}

/** Where the Operators table comes from and how its grouped totals are counted. */
function operatorsSource(source: string): string | null {
  if (source === 'trace')
    return 'From the trace: cpu_op slices; device time = kernels reached through their launch flows';
  if (source === 'db')
    return "From the profiler db's timeline (PYTORCH_API, TASK, COMPUTE_TASK_INFO): device time through launch flows";
  return null;
}

function OperatorsTable({
  profile,
  ops,
  source,
}: {
  profile: ProfileModel;
  ops: OperatorTable;
  source: string;
}) {
  const store = useAppStoreApi();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = useCallback((row: number) => setOpen((s) => toggled(s, row)), []);
  const stackCol = ops.text.header.indexOf(OPERATOR_COLUMN.stack);
  const shapesCol = ops.text.header.indexOf(OPERATOR_COLUMN.shapes);
  const linesOf = (row: number, c: number) =>
    c < 0 ? [] : cellLines(ops.text.rows[row]?.[c] ?? '');

  const base = useMemo(() => operatorColumns(ops), [ops]);
  const columns = useMemo(
    () =>
      base.map((c): ColumnDef =>
        c.id === OPERATOR_COLUMN.stack
          ? {
              ...c,
              render: (r) => (
                <StackCell
                  frames={cellLines(c.text(r))}
                  open={open.has(r)}
                  onToggle={() => toggle(r)}
                />
              ),
            }
          : c,
      ),
    [base, open, toggle],
  );
  const groupBy = useGroupBy<OperatorGroupBy>('operators');
  const view = useTableView({
    id: 'operators',
    data: ops,
    columns,
    rowCount: ops.length,
    noSort: groupBy !== '',
  });
  const grouped = useGroupedTable({
    view,
    groupBy,
    data: ops,
    statsForRows: operatorStatsForRows,
    groupColumns: operatorGroupColumns,
    keyColumns: OPERATOR_GROUP_COLUMNS,
  });
  const { groupView, openGroup } = grouped;

  const detail: RowDetail = {
    isOpen: (r) => open.has(r),
    height: (r) => {
      const s = linesOf(r, shapesCol).length;
      const f = linesOf(r, stackCol).length;
      const lines = (s ? s + 1 : 0) + (f ? f + 1 : 1);
      return Math.min(MAX_DETAIL_PX, lines * LINE_PX + 16 + (profile.trace ? SHOW_PX : 0));
    },
    render: (r) => (
      <OperatorDetail
        shapes={linesOf(r, shapesCol)}
        frames={linesOf(r, stackCol)}
        withStackOff={profile.ascend.profilerInfo?.withStack === false}
        onShow={profile.trace ? () => showOperator(store, profile, ops, r) : undefined}
      />
    ),
    maxHeight: MAX_DETAIL_PX,
    version: open,
  };

  return (
    <div className="view" data-testid="operators-view">
      <header className="view-header">
        <h1>{t('operators:operators')}</h1>
        {ops.source === 'trace' ? (
          <span className="source-note" data-testid="source-note">
            {operatorsSource(source)}
          </span>
        ) : (
          <SourceNote sources={profile.ascend.sources} keys={['operators']} />
        )}
        <span className="muted small">
          {groupBy
            ? t('operators:click_a_group_to_list_its')
            : t('operators:click_an_operator_or_press_enter')}
        </span>
      </header>
      <GroupedTableToolbar
        view={view}
        grouped={grouped}
        noun="operators"
        options={OPERATOR_GROUP_OPTIONS}
        noRangeReason={
          ops.source === 'trace'
            ? t('operators:range_filter_timed_tables')
            : t('operators:operator_details_no_timestamps')
        }
        filterPlaceholder={t('operators:filter_name_shapes_call_stack')}
      />
      {groupBy ? (
        <ViewTable
          key="groups"
          ariaLabel={t('operators:operator_groups')}
          testId="operator-groups"
          view={groupView}
          onRowActivate={openGroup}
          busy={view.pending || groupView.pending}
          emptyText={t('operators:no_operators_match_the_filter')}
        />
      ) : (
        <ViewTable
          key="rows"
          ariaLabel={t('operators:operators')}
          testId="operator-table"
          view={view}
          onRowActivate={toggle}
          detail={detail}
          emptyText={t('operators:no_operators_match_the_filter')}
        />
      )}
    </div>
  );
}

function StackCell({
  frames,
  open,
  onToggle,
}: {
  frames: string[];
  open: boolean;
  onToggle: () => void;
}) {
  const site = callSite(frames);
  if (!site) return <span className="muted">–</span>;
  return (
    <>
      <button
        type="button"
        className="expander"
        aria-expanded={open}
        aria-label={open ? t('operators:collapse_call_stack') : t('operators:expand_call_stack')}
        onClick={(e) => {
          e.stopPropagation();
          onToggle();
        }}
      >
        {open ? '▼' : '▶'}
      </button>
      <span className="frame-count">{frames.length}</span>
      <span className="mono">{site.text}</span>
    </>
  );
}

function OperatorDetail({
  shapes,
  frames,
  withStackOff,
  onShow,
}: {
  shapes: string[];
  frames: string[];
  withStackOff: boolean;
  onShow?: () => void;
}) {
  const site = callSite(frames)?.index ?? -1;
  return (
    <div className="op-detail">
      {onShow && (
        <button
          type="button"
          className="tt-button op-show"
          data-testid="operator-show"
          onClick={onShow}
        >
          {t('operators:show_on_timeline')}
        </button>
      )}
      {shapes.length > 0 && (
        <>
          <div className="op-detail-title">{t('operators:input_shapes')}</div>
          <ol className="mono">
            {shapes.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      )}
      <div className="op-detail-title">{t('operators:call_stack')}</div>
      {frames.length === 0 ? (
        <div className="muted">
          {withStackOff
            ? t('operators:no_call_stack_profile_with_with')
            : t('operators:no_call_stack_recorded_for_this')}
        </div>
      ) : (
        <ol className="mono">
          {frames.map((f, i) => (
            <li key={i} className={i === site ? 'call-site' : undefined}>
              {f}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
