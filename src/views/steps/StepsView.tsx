/**
 * Steps: one row per step with the time breakdown (step_trace_time.csv / analysis.db, or
 * recomputed from the trace's Overlap Analysis lanes), a stacked bar per step, and a check of
 * the file against the recomputation. Choosing a step sets the timeline range to it.
 */
import { hostStepDefinition, stepName, stepTimeDefinition } from './step-text';
import { t } from '../../i18n/t';
import { textUnits } from '../../tables/column';
import { stepTimeUs } from '../../model/step-time';
import { useMemo } from 'react';
import { formatDuration } from '../../lib/format';
import type { StepRow } from '../../model/ascend-data';
import type { StepMismatch } from '../../model/ascend/step-breakdown';
import type { ProfileModel } from '../../model/profile';
import { stepBars, stepsData, type StepsData } from '../../model/derive/steps';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { Segmented } from '../../ui/Segmented';
import { MissingData, producedBySentence } from '../common/MissingData';
import { isHostProcess, showNamedSlice } from '../common/navigate';
import { SourceNote } from '../common/SourceNote';
import { useTableView } from '../common/use-table-view';
import { tableBoxHeight, ViewTable } from '../common/ViewTable';
import { StepChart } from './StepChart';
import { stepMarks } from '../../ui/chart-marks';
import { useMarkerMarks } from '../common/use-marker-marks';
import '../views.css';

type Field = Exclude<keyof StepRow, 'step' | 'deviceId'>;

const FIELDS: { field: Field; label: string; title?: string }[] = [
  {
    field: 'computing',
    get label() {
      return t('steps:computing');
    },
  },
  {
    field: 'communicationNotOverlapped',
    get label() {
      return t('steps:communication_not_overlapped');
    },
  },
  {
    field: 'overlapped',
    get label() {
      return t('steps:overlapped');
    },
  },
  {
    field: 'communication',
    get label() {
      return t('steps:communication');
    },
  },
  {
    field: 'free',
    get label() {
      return t('steps:free');
    },
  },
  {
    field: 'preparing',
    get label() {
      return t('steps:preparing');
    },
  },
  {
    field: 'bubble',
    get label() {
      return t('steps:bubble');
    },
    get title() {
      return t('steps:time_in_hcom_receive_pipeline_bubbles');
    },
  },
  {
    field: 'stage',
    get label() {
      return t('steps:stage');
    },
    get title() {
      return t('steps:step_length_on_the_device');
    },
  },
  {
    field: 'communicationNotOverlappedExcludeReceive',
    get label() {
      return t('steps:comm_not_overlapped_excl_receive');
    },
  },
];

const FIELD_LABEL: Record<string, string> = Object.fromEntries(
  FIELDS.map((f) => [f.field, f.label]),
);

/** µs as in the file, with thousands separators and ns precision. */
export function formatUs(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  return v.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

const rangeKey = (a: { start: number; end: number } | null) => (a ? `${a.start}:${a.end}` : '');

export function StepsView() {
  const profile = useAppStore(selectActiveProfile);
  const mode = useAppStore((s) => s.stepRangeMode);
  const data = useMemo(() => (profile ? stepsData(profile, mode) : null), [profile, mode]);
  if (!profile || !data) return null;
  if (data.rows.length === 0) {
    return (
      <div className="view">
        <MissingData
          profile={profile}
          files={['step_trace_time.csv']}
          what="step"
          traceReason="it has no ProfilerStep#N slices with device work launched inside them"
          hint={profile.trace ? t('steps:the_trace_has_neither_overlap_analysis') : undefined}
        />
      </div>
    );
  }
  return <Steps profile={profile} data={data} />;
}

function Steps({ profile, data }: { profile: ProfileModel; data: StepsData }) {
  const store = useAppStoreApi();
  const mode = useAppStore((s) => s.stepRangeMode);
  const setMode = useAppStore((s) => s.setStepRangeMode);
  const range = useAppStore((s) => s.range);
  const rows = data.rows;
  const bars = useMemo(() => stepBars(rows), [rows]);
  const rangeOf = (r: StepRow) => data.ranges.get(r.step) ?? null;
  const markerMarks = useMarkerMarks(profile.descriptor.id);
  const marks = useMemo(
    () =>
      stepMarks(
        markerMarks,
        rows.map((r) => data.ranges.get(r.step) ?? null),
      ),
    [markerMarks, rows, data.ranges],
  );
  const chosen = rows.findIndex((r) => {
    const g = rangeOf(r);
    return g !== null && rangeKey({ start: g.startNs, end: g.endNs }) === rangeKey(range);
  });
  const choose = (i: number) => {
    const g = rows[i] ? rangeOf(rows[i]) : null;
    if (!g) return;
    const q = { name: `ProfilerStep#${rows[i]!.step}`, at: g.startNs, process: isHostProcess };
    const range = { start: g.startNs, end: g.endNs };
    showNamedSlice(store, profile.descriptor.id, profile.trace, q, { jump: false, range });
  };
  const mismatchAt = useMemo(() => {
    const m = new Map<string, StepMismatch>();
    for (const x of data.mismatches) m.set(`${x.step}|${x.field}`, x);
    return m;
  }, [data.mismatches]);

  const columns = useMemo((): ColumnDef[] => {
    const cols: ColumnDef[] = [
      {
        id: 'step',
        label: t('steps:step'),
        text: (i) => stepName(rows[i]!.step, rows[i]!.deviceId),
        value: (i) => (rows[i]!.step === '' ? -1 : Number(rows[i]!.step)),
        align: 'left',
        width: 150,
      },
      {
        id: 'range',
        label: t('steps:range_on_timeline'),
        title: t('steps:where_the_step_lies_on_the'),
        text: (i) => {
          const g = data.ranges.get(rows[i]!.step);
          return g ? `${formatDuration(g.startNs)} – ${formatDuration(g.endNs)}` : 'not in trace';
        },
        width: 170,
      },
      {
        id: 'stepTime',
        label: t('steps:step_time_s'),
        title: stepTimeDefinition(),
        text: (i) => formatUs(stepTimeUs(rows[i]!)),
        value: (i) => stepTimeUs(rows[i]!) ?? NaN,
        width: 120,
      },
    ];
    if (data.hostWallNs.size > 0) {
      cols.push({
        id: 'hostWall',
        label: t('steps:host_step_wall_s'),
        title: hostStepDefinition(),
        text: (i) => {
          const w = data.hostWallNs.get(rows[i]!.step);
          return w === undefined ? '–' : formatUs(w / 1000);
        },
        value: (i) => (data.hostWallNs.get(rows[i]!.step) ?? NaN) / 1000,
        width: 140,
      });
    }
    for (const f of FIELDS) {
      if (!rows.some((r) => r[f.field] !== null)) continue;
      cols.push({
        id: f.field,
        label: `${f.label} (µs)`,
        title: f.title,
        text: (i) => formatUs(rows[i]![f.field]),
        value: (i) => rows[i]![f.field] ?? NaN,
        width: Math.max(110, textUnits(f.label) * 7 + 40),
        render: (i) => {
          const m = mismatchAt.get(`${rows[i]!.step}|${f.field}`);
          const text = formatUs(rows[i]![f.field]);
          if (!m) return text;
          return (
            <span
              className="mismatch"
              title={`${t('steps:recomputed_from_the_trace')} ${formatUs(m.trace)} µs (Δ ${formatUs(m.diffUs)} µs)`}
            >
              {text}
            </span>
          );
        },
      });
    }
    return cols;
  }, [rows, data.ranges, data.hostWallNs, mismatchAt]);
  const view = useTableView({ id: 'steps', data: rows, columns, rowCount: rows.length });
  const chosenRange = chosen >= 0 ? rangeOf(rows[chosen]!) : null;

  return (
    <div className="view scroll" data-testid="steps-view">
      <header className="view-header">
        <h1>{t('steps:steps')}</h1>
        <SourceNote sources={profile.ascend.sources} keys={['steps']} />
        <span className="spacer" />
        <Segmented
          ariaLabel={t('steps:step_ranges')}
          testId="step-range-mode"
          value={mode}
          onChange={setMode}
          options={[
            {
              value: 'host',
              label: t('steps:host_step_ranges'),
              title: t('steps:profilerstep_n_on_the_python_thread'),
            },
            {
              value: 'device',
              label: t('steps:device_step_ranges'),
              title: t('steps:from_the_first_device_task_launched'),
            },
          ]}
        />
      </header>
      <Reconciliation profile={profile} data={data} />
      <section className="panel">
        <h2>
          {t('steps:time_per_step')}{' '}
          <span className="muted">{t('steps:click_a_bar_or_a_row')}</span>
        </h2>
        <p className="muted small" data-testid="step-definition">
          {stepTimeDefinition()}. {hostStepDefinition()}.
        </p>
        <StepChart bars={bars} chosen={chosen} onChoose={choose} marks={marks} />
      </section>
      <div className="view-toolbar">
        {chosen >= 0 && chosenRange ? (
          <>
            <span>
              {t('steps:selected')}{' '}
              <strong>{stepName(rows[chosen]!.step, rows[chosen]!.deviceId)}</strong>:{' '}
              {formatDuration(chosenRange.endNs - chosenRange.startNs)} {t('steps:on_the_timeline')}
            </span>
            <button
              type="button"
              className="tt-button"
              data-testid="show-step-in-timeline"
              onClick={() => store.getState().setTab('timeline')}
            >
              {t('steps:show_in_timeline')}
            </button>
          </>
        ) : (
          <span className="muted">{t('steps:no_step_selected')}</span>
        )}
      </div>
      <div className="steps-table" style={{ height: tableBoxHeight(rows.length, 360, 0) }}>
        <ViewTable
          ariaLabel={t('steps:steps')}
          testId="steps-table"
          view={view}
          selectedRow={chosen >= 0 ? chosen : null}
          onRowActivate={choose}
          busy={false}
        />
      </div>
      {data.rowsFrom === 'file' && data.fromTrace && (
        <RecomputedTable rows={data.fromTrace} mismatchAt={mismatchAt} />
      )}
    </div>
  );
}

const COMPARED: Field[] = [
  'computing',
  'communicationNotOverlapped',
  'overlapped',
  'communication',
  'free',
];

/** The breakdown rebuilt from the trace, beside the file's (differences highlighted). */
function RecomputedTable({
  rows,
  mismatchAt,
}: {
  rows: StepRow[];
  mismatchAt: Map<string, StepMismatch>;
}) {
  return (
    <section className="panel" data-testid="steps-recomputed">
      <h2>
        {t('steps:recomputed_from_the_trace_2')}{' '}
        <span className="muted">{t('steps:overlap_analysis_lanes_summed_per_step')}</span>
      </h2>
      <table className="grid compact recomputed">
        <thead>
          <tr>
            <th>{t('steps:step')}</th>
            {COMPARED.map((f) => (
              <th key={f} className="num">
                {FIELD_LABEL[f]} (µs)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{stepName(r.step, r.deviceId)}</td>
              {COMPARED.map((f) => {
                const m = mismatchAt.get(`${r.step}|${f}`);
                return (
                  <td
                    key={f}
                    className={m ? 'num mismatch' : 'num'}
                    title={
                      m
                        ? `${t('steps:file')} ${formatUs(m.csv)} µs (Δ ${formatUs(m.diffUs)} µs)`
                        : undefined
                    }
                  >
                    {formatUs(r[f])}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** How the file compares with the breakdown recomputed from the trace. */
function Reconciliation({ profile, data }: { profile: ProfileModel; data: StepsData }) {
  if (data.rowsFrom === 'kernels') {
    return (
      <div className="recon" data-testid="steps-reconciliation" role="note">
        <strong>{t('steps:from_the_trace_s_device_events')}</strong>{' '}
        {t('steps:each_device_event_belongs_to_the')}
      </div>
    );
  }
  if (data.rowsFrom === 'trace') {
    return (
      <div className="recon warn" data-testid="steps-reconciliation" role="note">
        <strong>{t('steps:step_trace_time_csv_is_missing')}</strong>{' '}
        {t('steps:these_rows_are_recomputed_from_the')} {producedBySentence('step_trace_time.csv')}
      </div>
    );
  }
  if (!data.fromTrace) {
    return (
      <div className="recon" data-testid="steps-reconciliation" role="note">
        {profile.trace
          ? t('steps:the_trace_has_no_overlap_analysis')
          : t('steps:no_trace_was_loaded_so_the')}
      </div>
    );
  }
  if (data.mismatches.length === 0) {
    return (
      <div className="recon ok" data-testid="steps-reconciliation" role="note">
        {t('steps:recomputed_from_the_trace_s_overlap')}{' '}
        {data.rows.length === 1
          ? t('steps:the_step')
          : `${t('steps:all')} ${data.rows.length} ${t('steps:steps_2')}`}{' '}
        {t('steps:within_10_ns')}
      </div>
    );
  }
  return (
    <div className="recon bad" data-testid="steps-reconciliation" role="alert">
      <div>
        <strong>
          ⚠ {t('steps:differences', { count: data.mismatches.length })}{' '}
          {t('steps:between_the_file_and_the_trace')}
        </strong>{' '}
        <span className="muted">
          {t('steps:often_a_different_step_range_try')} {'“'}
          {t('steps:device_step_ranges')}
          {'”'}
          {t('steps:highlighted_cells_below')}
        </span>
      </div>
      <table className="grid recon-table" data-testid="step-mismatches">
        <thead>
          <tr>
            <th>{t('steps:step')}</th>
            <th>{t('steps:field')}</th>
            <th className="num">{t('steps:file_s')}</th>
            <th className="num">{t('steps:trace_s')}</th>
            <th className="num">Δ (µs)</th>
          </tr>
        </thead>
        <tbody>
          {data.mismatches.slice(0, 50).map((m, i) => (
            <tr key={i}>
              <td>{stepName(m.step, m.deviceId)}</td>
              <td>
                {m.field === 'missingInTrace'
                  ? t('steps:step_not_found_in_the_trace')
                  : m.field === 'missingInCsv'
                    ? t('steps:step_only_in_the_trace')
                    : FIELD_LABEL[m.field]}
              </td>
              <td className="num">{formatUs(m.csv)}</td>
              <td className="num">{formatUs(m.trace)}</td>
              <td className="num">{formatUs(m.diffUs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
