/**
 * Communication: the rank × rank heatmap of communication_matrix.json per step and group
 * (bandwidth, size or time), and one row per collective / p2p op from communication.json with
 * elapse, transit, wait, synchronisation, idle and bandwidth per transport. Choosing an op
 * selects its time on the timeline.
 */
import { t } from '../../i18n/t';
import { useMemo, useState } from 'react';
import type { CommMatrixRow, CommOpRow } from '../../model/ascend-data';
import { analyzeProfile } from '../../model/analysis/analyze';
import type { ProfileModel } from '../../model/profile';
import {
  HEAT_METRICS,
  heatmapData,
  matrixGroups,
  matrixSteps,
  transportSummary,
} from '../../model/derive/comm-heatmap';
import { rangeMask } from '../../model/derive/range-filter';
import type { TimeSpan } from '../../model/units';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { MissingData, producedBySentence } from '../common/MissingData';
import { SelectField } from '../common/SelectField';
import { showNamedSlice } from '../common/navigate';
import { SourceNote } from '../common/SourceNote';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { tableBoxHeight, ViewTable } from '../common/ViewTable';
import { CommHeatmap } from './CommHeatmap';
import { commTimelineStarts } from '../../model/derive/comm-starts';
import { TraceCollectives } from './TraceCollectives';
import { commColumns } from './comm-columns';
import { MetricSwitch, StepField, TransportTable } from './MatrixControls';
import '../views.css';

export function CommunicationView() {
  const profile = useAppStore(selectActiveProfile);
  if (!profile) return null;
  const ops = profile.ascend.communication;
  const matrix = profile.ascend.commMatrix;
  if (!ops?.length && !matrix?.length) {
    const analysis = analyzeProfile(profile);
    if (profile.trace && analysis.trace && analysis.trace.collectives.length > 0) {
      return (
        <TraceCollectives
          profile={profile}
          trace={profile.trace}
          ops={analysis.trace.collectives}
          source={analysis.traceSource}
        />
      );
    }
    return (
      <div className="view">
        <MissingData
          profile={profile}
          files={['communication.json', 'communication_matrix.json']}
          what="communication"
          traceReason="it has no communication ops (no NCCL kernels, no HCCL hcom_* ops)"
          hint={t('communication:a_single_device_job_that_never')}
        />
      </div>
    );
  }
  return (
    <div className="view scroll" data-testid="communication-view">
      <header className="view-header">
        <h1>{t('communication:communication')}</h1>
        <SourceNote sources={profile.ascend.sources} keys={['commMatrix', 'communication']} />
      </header>
      {matrix?.length ? (
        <MatrixPanel rows={matrix} />
      ) : (
        <div className="recon warn" role="note">
          {t('communication:no_communication_matrix')}{' '}
          {producedBySentence('communication_matrix.json')}
        </div>
      )}
      {ops?.length ? (
        <OpsPanel profile={profile} rows={ops} />
      ) : (
        <div className="recon warn" role="note">
          {t('communication:no_per_op_timing')} {producedBySentence('communication.json')}
        </div>
      )}
    </div>
  );
}

function MatrixPanel({ rows }: { rows: CommMatrixRow[] }) {
  const theme = useAppStore((s) => s.theme);
  const storedStep = useAppStore((s) => s.commStep);
  const storedGroup = useAppStore((s) => s.commGroup);
  const metric = useAppStore((s) => s.commMetric);
  const setComm = useAppStore((s) => s.setCommView);
  const steps = useMemo(() => matrixSteps(rows), [rows]);
  // '*' = every step together (offered when there are several).
  const step = storedStep === '*' || steps.includes(storedStep) ? storedStep : (steps[0] ?? '');
  const groups = useMemo(() => matrixGroups(rows, step === '*' ? null : step), [rows, step]);
  const group = storedGroup === '' || groups.some((g) => g.key === storedGroup) ? storedGroup : '';
  const data = useMemo(
    () => heatmapData(rows, step === '*' ? null : step, group, metric),
    [rows, step, group, metric],
  );
  const summary = useMemo(
    () => transportSummary(rows, step === '*' ? null : step, group),
    [rows, step, group],
  );
  const m = HEAT_METRICS.find((x) => x.value === metric)!;
  return (
    <section className="panel" data-testid="comm-matrix">
      <h2>
        {t('communication:rank_rank')} {m.label.toLowerCase()}{' '}
        <span className="muted">{t('communication:communication_matrix_json_links_of_the')}</span>
      </h2>
      <div className="view-toolbar">
        <StepField
          steps={steps}
          value={step}
          onChange={(v) => setComm({ commStep: v })}
          testId="comm-step"
        />
        <SelectField
          label={t('communication:group')}
          testId="comm-group"
          value={group}
          onChange={(v) => setComm({ commGroup: v })}
          options={[
            { value: '', label: `${t('communication:all_groups')}${groups.length})` },
            ...groups.map((g) => ({
              value: g.key,
              label: `${g.label} · ${g.links} ${t('communication:links_2')}`,
            })),
          ]}
        />
        <MetricSwitch
          value={metric}
          onChange={(v) => setComm({ commMetric: v })}
          testId="comm-metric"
        />
      </div>
      {data.cells.length === 0 ? (
        <p className="muted">{t('communication:no_links_for_this_step_and')}</p>
      ) : (
        <div className="matrix-body">
          <CommHeatmap data={data} metricLabel={m.label} unit={m.unit} theme={theme} />
          <div className="matrix-side">
            <h3>{t('communication:by_transport')}</h3>
            <TransportTable summary={summary} testId="transport-summary" />
            <p className="muted small">
              {data.ranks.length} {t('communication:ranks_2')} {data.cells.length}{' '}
              {t('communication:rank_pairs_bandwidth_of_a_pair')}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}

function OpsPanel({ profile, rows }: { profile: ProfileModel; rows: CommOpRow[] }) {
  const store = useAppStoreApi();
  const baseNs = profile.trace?.baseNs ?? null;
  const { starts, exact } = useMemo(
    () => commTimelineStarts(rows, profile.trace ?? null),
    [rows, profile.trace],
  );
  const durs = useMemo(() => Float64Array.from(rows, (r) => (r.elapseMs ?? NaN) * 1e6), [rows]);
  const { columns, hidden } = useMemo(
    () => commColumns(rows, starts, exact),
    [rows, starts, exact],
  );
  const defaultVisible = useMemo(() => (c: ColumnDef) => !hidden.has(c.id), [hidden]);
  const mask = useMemo(
    () => (baseNs === null ? undefined : (r: TimeSpan) => rangeMask(starts, durs, r)),
    [baseNs, starts, durs],
  );
  const view = useTableView({
    id: 'communication',
    data: rows,
    columns,
    rowCount: rows.length,
    defaultVisible,
    rangeMask: mask,
  });
  const [chosen, setChosen] = useState<number | null>(null);
  const choose = (r: number) => {
    setChosen(r);
    const s = starts[r]!;
    if (!Number.isFinite(s)) return;
    const d = Number.isFinite(durs[r]!) ? durs[r]! : 0;
    // The collective's slice on the HCCL / communication lanes, else its time as the range.
    const q = { name: rows[r]!.op, at: s + d / 2, process: (p: string) => /HCCL|comm/i.test(p) };
    const range = { start: s, end: s + d };
    showNamedSlice(store, profile.descriptor.id, profile.trace, q, {
      jump: false,
      fallback: range,
    });
  };
  return (
    <section className="panel ops-panel" data-testid="comm-ops">
      <h2>
        {t('communication:collective_and_p2p_ops')}{' '}
        <span className="muted">{t('communication:communication_json_click_an_op_to')}</span>
      </h2>
      <TableToolbar
        view={view}
        noun="ops"
        exportName="communication_ops"
        filterPlaceholder={t('communication:filter_op_group_step')}
      >
        {chosen !== null && baseNs !== null && (
          <button
            type="button"
            className="tt-button"
            onClick={() => store.getState().setTab('timeline')}
            data-testid="show-op-in-timeline"
          >
            {t('communication:show')} {rows[chosen]?.op} {t('communication:in_timeline')}
          </button>
        )}
      </TableToolbar>
      <div className="ops-table" style={{ height: tableBoxHeight(rows.length, 520) }}>
        <ViewTable
          ariaLabel={t('communication:communication_ops')}
          testId="comm-table"
          view={view}
          selectedRow={chosen}
          onRowActivate={choose}
          emptyText={t('communication:no_ops_match_the_filter')}
        />
      </div>
    </section>
  );
}
