/**
 * Steps: one row per step with the time breakdown (step_trace_time.csv / analysis.db, or
 * recomputed from the trace's Overlap Analysis lanes), a stacked bar per step, and a check of
 * the file against the recomputation. Choosing a step sets the timeline range to it.
 */
import { stepTimeUs } from '../../model/step-time';
import { useMemo } from 'react';
import { formatDuration } from '../../lib/format';
import type { StepRow } from '../../model/ascend-data';
import type { StepMismatch } from '../../model/ascend/step-breakdown';
import type { ProfileModel } from '../../model/profile';
import {
  HOST_STEP_DEFINITION,
  STEP_TIME_DEFINITION,
  stepBars,
  stepLabel,
  stepsData,
  type StepsData,
} from '../../model/views/steps';
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
  { field: 'computing', label: 'Computing' },
  { field: 'communicationNotOverlapped', label: 'Communication (Not Overlapped)' },
  { field: 'overlapped', label: 'Overlapped' },
  { field: 'communication', label: 'Communication' },
  { field: 'free', label: 'Free' },
  { field: 'preparing', label: 'Preparing' },
  { field: 'bubble', label: 'Bubble', title: 'Time in hcom_receive (pipeline bubbles)' },
  { field: 'stage', label: 'Stage', title: 'Step length on the device' },
  {
    field: 'communicationNotOverlappedExcludeReceive',
    label: 'Comm. (Not Overlapped, Excl. Receive)',
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
          hint={
            profile.trace
              ? 'The trace has neither Overlap Analysis lanes nor ProfilerStep#N slices that launch device work, so the breakdown cannot be recomputed.'
              : undefined
          }
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
        label: 'Step',
        text: (i) => stepLabel(rows[i]!.step, rows[i]!.deviceId),
        value: (i) => (rows[i]!.step === '' ? -1 : Number(rows[i]!.step)),
        align: 'left',
        width: 150,
      },
      {
        id: 'range',
        label: 'Range on timeline',
        title: 'Where the step lies on the timeline (click the row to select it)',
        text: (i) => {
          const g = data.ranges.get(rows[i]!.step);
          return g ? `${formatDuration(g.startNs)} – ${formatDuration(g.endNs)}` : 'not in trace';
        },
        width: 170,
      },
      {
        id: 'stepTime',
        label: 'Step time (µs)',
        title: STEP_TIME_DEFINITION,
        text: (i) => formatUs(stepTimeUs(rows[i]!)),
        value: (i) => stepTimeUs(rows[i]!) ?? NaN,
        width: 120,
      },
    ];
    if (data.hostWallNs.size > 0) {
      cols.push({
        id: 'hostWall',
        label: 'Host step (wall) (µs)',
        title: HOST_STEP_DEFINITION,
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
        width: Math.max(110, f.label.length * 7 + 40),
        render: (i) => {
          const m = mismatchAt.get(`${rows[i]!.step}|${f.field}`);
          const t = formatUs(rows[i]![f.field]);
          if (!m) return t;
          return (
            <span
              className="mismatch"
              title={`Recomputed from the trace: ${formatUs(m.trace)} µs (Δ ${formatUs(m.diffUs)} µs)`}
            >
              {t}
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
        <h1>Steps</h1>
        <SourceNote sources={profile.ascend.sources} keys={['steps']} />
        <span className="spacer" />
        <Segmented
          ariaLabel="Step ranges"
          testId="step-range-mode"
          value={mode}
          onChange={setMode}
          options={[
            {
              value: 'host',
              label: 'Host step ranges',
              title: 'ProfilerStep#N on the Python thread',
            },
            {
              value: 'device',
              label: 'Device step ranges',
              title: 'From the first device task launched in the step to the last one’s end',
            },
          ]}
        />
      </header>
      <Reconciliation profile={profile} data={data} />
      <section className="panel">
        <h2>
          Time per step{' '}
          <span className="muted">— click a bar or a row to select the step on the timeline</span>
        </h2>
        <p className="muted small" data-testid="step-definition">
          {STEP_TIME_DEFINITION}. {HOST_STEP_DEFINITION}.
        </p>
        <StepChart bars={bars} chosen={chosen} onChoose={choose} marks={marks} />
      </section>
      <div className="view-toolbar">
        {chosen >= 0 && chosenRange ? (
          <>
            <span>
              Selected <strong>{stepLabel(rows[chosen]!.step, rows[chosen]!.deviceId)}</strong>:{' '}
              {formatDuration(chosenRange.endNs - chosenRange.startNs)} on the timeline
            </span>
            <button
              type="button"
              className="tt-button"
              data-testid="show-step-in-timeline"
              onClick={() => store.getState().setTab('timeline')}
            >
              Show in timeline ↗
            </button>
          </>
        ) : (
          <span className="muted">No step selected.</span>
        )}
      </div>
      <div className="steps-table" style={{ height: tableBoxHeight(rows.length, 360, 0) }}>
        <ViewTable
          ariaLabel="Steps"
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
        Recomputed from the trace{' '}
        <span className="muted">
          — Overlap Analysis lanes summed per step (slices counted in the step where they start)
        </span>
      </h2>
      <table className="grid compact recomputed">
        <thead>
          <tr>
            <th>Step</th>
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
              <td>{stepLabel(r.step, r.deviceId)}</td>
              {COMPARED.map((f) => {
                const m = mismatchAt.get(`${r.step}|${f}`);
                return (
                  <td
                    key={f}
                    className={m ? 'num mismatch' : 'num'}
                    title={
                      m ? `File: ${formatUs(m.csv)} µs (Δ ${formatUs(m.diffUs)} µs)` : undefined
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
        <strong>From the trace’s device events:</strong> each device event belongs to the
        ProfilerStep#N that launched it (its launch flow’s start lies in the host step); per step,
        Computing, Communication and Overlapped are unions of its compute and communication kernels,
        Free is the rest of the device step, and Stage is the device step (first launched task →
        max(last task end, host step end)). No step_trace_time.csv is needed.
      </div>
    );
  }
  if (data.rowsFrom === 'trace') {
    return (
      <div className="recon warn" data-testid="steps-reconciliation" role="note">
        <strong>step_trace_time.csv is missing;</strong> these rows are recomputed from the trace’s
        Overlap Analysis lanes (Stage, Bubble and Preparing need the file).{' '}
        {producedBySentence('step_trace_time.csv')}
      </div>
    );
  }
  if (!data.fromTrace) {
    return (
      <div className="recon" data-testid="steps-reconciliation" role="note">
        {profile.trace
          ? 'The trace has no Overlap Analysis lanes, so the breakdown cannot be checked against it.'
          : 'No trace was loaded, so the breakdown cannot be checked against it.'}
      </div>
    );
  }
  if (data.mismatches.length === 0) {
    return (
      <div className="recon ok" data-testid="steps-reconciliation" role="note">
        ✓ Recomputed from the trace’s Overlap Analysis lanes, Computing, Communication, Overlapped
        and Free match the file for{' '}
        {data.rows.length === 1 ? 'the step' : `all ${data.rows.length} steps`} (within 10 ns).
      </div>
    );
  }
  return (
    <div className="recon bad" data-testid="steps-reconciliation" role="alert">
      <div>
        <strong>
          ⚠ {data.mismatches.length} difference{data.mismatches.length === 1 ? '' : 's'} between the
          file and the trace’s Overlap Analysis lanes
        </strong>{' '}
        <span className="muted">
          (often a different step range: try {'“'}Device step ranges{'”'}; highlighted cells below)
        </span>
      </div>
      <table className="grid recon-table" data-testid="step-mismatches">
        <thead>
          <tr>
            <th>Step</th>
            <th>Field</th>
            <th className="num">File (µs)</th>
            <th className="num">Trace (µs)</th>
            <th className="num">Δ (µs)</th>
          </tr>
        </thead>
        <tbody>
          {data.mismatches.slice(0, 50).map((m, i) => (
            <tr key={i}>
              <td>{stepLabel(m.step, m.deviceId)}</td>
              <td>
                {m.field === 'missingInTrace'
                  ? 'step not found in the trace'
                  : m.field === 'missingInCsv'
                    ? 'step only in the trace'
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
