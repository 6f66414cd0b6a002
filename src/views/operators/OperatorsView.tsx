/**
 * Operators: every row of operator_details (torch operators with host and device times), else
 * every CPU op of the trace with its device time through launch flows (the analysis layer),
 * sortable, filterable, groupable by name (or name + input shapes), exportable. A row expands
 * to its input shapes and call stack (click, or Enter).
 */
import { useCallback, useMemo, useState } from 'react';
import type { OperatorTable } from '../../model/ascend-data';
import { analyzeProfile } from '../../model/analysis/analyze';
import type { ProfileModel } from '../../model/profile';
import { operatorStatsForRows, type OperatorGroupBy } from '../../model/views/kernel-groups';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore } from '../../store/use-app-store';
import type { RowDetail } from '../../tables/DataTable';
import type { ColumnDef } from '../../tables/column';
import { GroupedTableToolbar, useGroupBy, useGroupedTable } from '../common/GroupedTable';
import { MissingData } from '../common/MissingData';
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
      return Math.min(MAX_DETAIL_PX, lines * LINE_PX + 16);
    },
    render: (r) => <OperatorDetail shapes={linesOf(r, shapesCol)} frames={linesOf(r, stackCol)} />,
    version: open,
  };

  return (
    <div className="view" data-testid="operators-view">
      <header className="view-header">
        <h1>Operators</h1>
        {ops.source === 'trace' ? (
          <span className="source-note" data-testid="source-note">
            {operatorsSource(source)}
          </span>
        ) : (
          <SourceNote sources={profile.ascend.sources} keys={['operators']} />
        )}
        <span className="muted small">
          {groupBy
            ? 'Click a group to list its calls. Totals count an op once when a same-name op is nested inside it; self times add up over every call.'
            : 'Click an operator (or press Enter) for its input shapes and call stack.'}
        </span>
      </header>
      <GroupedTableToolbar
        view={view}
        grouped={grouped}
        noun="operators"
        options={OPERATOR_GROUP_OPTIONS}
        noRangeReason={
          ops.source === 'trace'
            ? 'the range filter applies to timed tables'
            : 'operator_details.csv has no timestamps'
        }
        filterPlaceholder="Filter name, shapes, call stack…"
      />
      {groupBy ? (
        <ViewTable
          key="groups"
          ariaLabel="Operator groups"
          testId="operator-groups"
          view={groupView}
          onRowActivate={openGroup}
          busy={view.pending || groupView.pending}
          emptyText="No operators match the filter."
        />
      ) : (
        <ViewTable
          key="rows"
          ariaLabel="Operators"
          testId="operator-table"
          view={view}
          onRowActivate={toggle}
          detail={detail}
          emptyText="No operators match the filter."
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
        aria-label={open ? 'Collapse call stack' : 'Expand call stack'}
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

function OperatorDetail({ shapes, frames }: { shapes: string[]; frames: string[] }) {
  const site = callSite(frames)?.index ?? -1;
  return (
    <div className="op-detail">
      {shapes.length > 0 && (
        <>
          <div className="op-detail-title">Input shapes</div>
          <ol className="mono">
            {shapes.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      )}
      <div className="op-detail-title">Call stack</div>
      {frames.length === 0 ? (
        <div className="muted">No call stack (profile with with_stack=True to record one).</div>
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
