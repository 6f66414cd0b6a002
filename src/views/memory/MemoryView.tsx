/**
 * Memory: memory_record curves (allocated / reserved / active per component) and
 * npu_module_mem (reserved per CANN module) as line charts on the timeline's visible window,
 * and operator_memory as a table whose allocation / release times open the timeline there.
 */
import { t } from '../../i18n/t';
import { useCallback, useMemo, useState } from 'react';
import type { MemorySeries } from '../../model/ascend-data';
import {
  memoryByDevice,
  moduleMemoryByComponent,
  summarizeMemorySeries,
} from '../../model/ascend/memory-series';
import type { ProfileModel } from '../../model/profile';
import {
  hasValues,
  maxOf,
  seriesOnTimeline,
  valueAt,
  visiblePoints,
  type MemoryMetric,
} from '../../model/derive/memory-chart';
import { formatDuration } from '../../lib/format';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { Legend } from '../../ui/Legend';
import { LineChart, type LineChartProps, type LineSeries } from '../../ui/LineChart';
import { MissingData, producedBySentence } from '../common/MissingData';
import { SourceNote } from '../common/SourceNote';
import { toggled } from '../common/toggled';
import { useMarkerMarks } from '../common/use-marker-marks';
import { OperatorMemoryTable } from './OperatorMemoryTable';
import '../views.css';

export const METRICS: { key: MemoryMetric; label: string; color: string; dashed?: boolean }[] = [
  {
    key: 'reservedMB',
    get label() {
      return t('memory:reserved');
    },
    color: 'var(--mem-reserved)',
  },
  {
    key: 'allocatedMB',
    get label() {
      return t('memory:allocated');
    },
    color: 'var(--mem-allocated)',
  },
  {
    key: 'activeMB',
    get label() {
      return t('memory:active');
    },
    color: 'var(--mem-active)',
    dashed: true,
  },
];

/** Categorical colours for module lines (Tableau 10). */
const MODULE_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
const MODULES_SHOWN = 8;

/** The unit a chart shows values in: GB when its peak reaches 1 GB, else MB. */
export function memUnit(peakMB: number): {
  div: number;
  label: string;
  format: (v: number) => string;
} {
  const gb = Number.isFinite(peakMB) && peakMB >= 1024;
  const div = gb ? 1024 : 1;
  const label = gb ? 'GB' : 'MB';
  return {
    div,
    label,
    format: (v) =>
      Number.isFinite(v) ? `${v === 0 ? 0 : Number(v.toPrecision(4))} ${label}` : '–',
  };
}

const scaled = (p: { t: number[]; v: number[] }, div: number) =>
  div === 1 ? p : { t: p.t, v: p.v.map((x) => x / div) };

/** Axis times: "0" at the origin, else a duration with its unit. */
const formatAxisTime = (ns: number) => (ns === 0 ? '0' : formatDuration(ns));

export function formatMB(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1024) return `${(v / 1024).toFixed(a >= 10240 ? 1 : 2)} GB`;
  return `${v.toFixed(a >= 100 ? 0 : 1)} MB`;
}

export function MemoryView() {
  const profile = useAppStore(selectActiveProfile);
  if (!profile) return null;
  const a = profile.ascend;
  const none = !a.memory?.length && !a.moduleMemory?.length && !a.operatorMemory;
  if (none) {
    return (
      <div className="view">
        <MissingData
          profile={profile}
          files={['memory_record.csv', 'npu_module_mem.csv', 'operator_memory.csv']}
          what="memory"
        />
      </div>
    );
  }
  return <Memory profile={profile} />;
}

function Memory({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const a = profile.ascend;
  const trace = profile.trace;
  const [off, setOff] = useState<ReadonlySet<string>>(new Set());
  const toggle = (k: string) => setOff((s) => toggled(s, k));
  const byDevice = useMemo(() => memoryByDevice(a.memory ?? []), [a.memory]);
  const devices = [...byDevice.keys()];
  const [device, setDevice] = useState(devices[0] ?? '');
  const dev = byDevice.has(device) ? device : (devices[0] ?? '');
  const components = byDevice.get(dev) ?? [];

  return (
    <div className="view scroll" data-testid="memory-view">
      <header className="view-header">
        <h1>{t('memory:memory')}</h1>
        <SourceNote sources={a.sources} keys={['memory', 'moduleMemory', 'operatorMemory']} />
        <span className="spacer" />
        {devices.length > 1 && (
          <select
            className="tt-select"
            aria-label={t('memory:device')}
            value={dev}
            onChange={(e) => setDevice(e.currentTarget.value)}
          >
            {devices.map((d) => (
              <option key={d} value={d}>
                {d || t('memory:device_unknown')}
              </option>
            ))}
          </select>
        )}
        {trace && (
          <button type="button" className="tt-button" onClick={() => store.getState().resetView()}>
            {t('memory:fit_whole_capture')}
          </button>
        )}
      </header>
      {!trace ? (
        <div className="recon warn" role="note">
          {t('memory:no_trace_was_loaded_so_the')}
        </div>
      ) : (
        <p className="muted small hint">{t('memory:the_x_axis_is_the_timeline')}</p>
      )}
      {trace && (
        <>
          {components.length > 0 ? (
            <section className="panel" data-testid="memory-record">
              <h2>
                {t('memory:memory_by_component')}{' '}
                <span className="muted">
                  {t('memory:memory_record_csv')}
                  {dev ? `, ${dev}` : ''}
                </span>
              </h2>
              <Legend
                items={METRICS.map((m) => ({ ...m, key: m.key, off: off.has(m.key) }))}
                onToggle={toggle}
              />
              <div className="mem-grid">
                {components.map((s) => (
                  <ComponentChart
                    key={`${s.device}|${s.component}`}
                    profile={profile}
                    series={s}
                    hidden={off}
                  />
                ))}
              </div>
            </section>
          ) : (
            <div className="recon warn" role="note">
              {t('memory:no_memory_curves')} {producedBySentence('memory_record.csv')}
            </div>
          )}
          {a.moduleMemory?.length ? (
            <ModuleChart profile={profile} series={a.moduleMemory} />
          ) : (
            <div className="recon warn" role="note">
              {t('memory:no_module_memory')} {producedBySentence('npu_module_mem.csv')}
            </div>
          )}
        </>
      )}
      {a.operatorMemory ? (
        <OperatorMemoryTable profile={profile} table={a.operatorMemory} />
      ) : (
        <div className="recon warn" role="note">
          {t('memory:no_operator_memory')} {producedBySentence('operator_memory.csv')}
        </div>
      )}
    </div>
  );
}

/** Shared plumbing of a memory chart: visible window, zoom, pan, click → range. */
function useTimelineChart() {
  const store = useAppStoreApi();
  const w = useAppStore((s) => s.visibleWindow);
  const range = useAppStore((s) => s.range);
  const marks = useMarkerMarks(useAppStore((s) => s.activeProfileId));
  return {
    w,
    range,
    marks,
    onZoom: (c: number, f: number) => store.getState().zoomAt(c, f),
    onPan: (dt: number) => store.getState().panBy(dt),
    onReset: () => store.getState().resetView(),
    onPick: (t: number) => store.getState().setRange({ start: t, end: t }),
  };
}

const fitMax = (s: LineSeries[]) => maxOf(s);

/** A line chart on the timeline's visible window, wired to the window and the range. */
function WindowChart({
  chart: c,
  ...p
}: Pick<LineChartProps, 'series' | 'height' | 'formatY' | 'ariaLabel' | 'testId'> & {
  chart: ReturnType<typeof useTimelineChart>;
}) {
  return (
    <LineChart
      {...p}
      x0={c.w.start}
      x1={c.w.end}
      yMax={fitMax}
      formatX={formatAxisTime}
      band={c.range}
      marks={c.marks}
      onZoom={c.onZoom}
      onPan={c.onPan}
      onReset={c.onReset}
      onPick={c.onPick}
    />
  );
}

function ComponentChart({
  profile,
  series,
  hidden,
}: {
  profile: ProfileModel;
  series: MemorySeries;
  hidden: ReadonlySet<string>;
}) {
  const baseNs = profile.trace!.baseNs;
  const c = useTimelineChart();
  const tl = useMemo(() => seriesOnTimeline(series, baseNs), [series, baseNs]);
  const sum = useMemo(() => summarizeMemorySeries(series), [series]);
  const unit = memUnit(
    Math.max(
      ...[sum.peakReservedMB, sum.peakAllocatedMB, sum.peakActiveMB].filter(Number.isFinite),
      0,
    ),
  );
  const { div } = unit;
  const { start, end } = c.w;
  const build = useCallback(
    (width: number): LineSeries[] =>
      METRICS.filter((m) => !hidden.has(m.key) && hasValues(tl[m.key])).map((m) => {
        const p = scaled(visiblePoints(tl.t, tl[m.key], { start, end }, width), div);
        return {
          key: m.key,
          label: m.label,
          color: m.color,
          dashed: m.dashed,
          t: p.t,
          v: p.v,
          valueAt: (t: number) => valueAt(tl.t, tl[m.key], t) / div,
        };
      }),
    [tl, start, end, hidden, div],
  );
  return (
    <div className="mem-chart">
      <div className="mem-chart-title">
        <strong>{series.component}</strong>
        <span className="muted">
          {' '}
          {t('memory:peak_reserved')} {formatMB(sum.peakReservedMB)}
          {Number.isFinite(sum.peakAllocatedMB) && (
            <>
              {' '}
              {t('memory:allocated_2')} {formatMB(sum.peakAllocatedMB)}
            </>
          )}{' '}
          · {sum.samples.toLocaleString('en-US')} {t('memory:samples')}
        </span>
      </div>
      <WindowChart
        chart={c}
        series={build}
        height={150}
        formatY={unit.format}
        ariaLabel={`${series.component} ${t('memory:memory_over_time')}`}
        testId="memory-chart"
      />
    </div>
  );
}

function ModuleChart({ profile, series }: { profile: ProfileModel; series: MemorySeries[] }) {
  const baseNs = profile.trace!.baseNs;
  const c = useTimelineChart();
  const modules = useMemo(() => {
    const byComp = moduleMemoryByComponent(series);
    return [...byComp]
      .map(([name, list]) => ({
        name,
        list,
        peak: Math.max(...list.map((s) => summarizeMemorySeries(s).peakReservedMB)),
      }))
      .filter((m) => m.peak > 0);
  }, [series]);
  const zero = new Set(series.map((s) => s.component)).size - modules.length;
  const unit = memUnit(Math.max(0, ...modules.map((m) => m.peak)));
  const { div } = unit;
  const [shown, setShown] = useState<ReadonlySet<string>>(
    () => new Set(modules.slice(0, MODULES_SHOWN).map((m) => m.name)),
  );
  const colorOf = (i: number) => MODULE_COLORS[i % MODULE_COLORS.length]!;
  const { start, end } = c.w;
  const build = useCallback(
    (width: number): LineSeries[] =>
      modules.flatMap((m, i) =>
        !shown.has(m.name)
          ? []
          : m.list.map((s) => {
              const tl = seriesOnTimeline(s, baseNs);
              const p = scaled(visiblePoints(tl.t, tl.reservedMB, { start, end }, width), div);
              return {
                key: `${m.name}|${s.device}`,
                label: m.list.length > 1 ? `${m.name} (${s.device})` : m.name,
                color: colorOf(i),
                t: p.t,
                v: p.v,
                valueAt: (t: number) => valueAt(tl.t, tl.reservedMB, t) / div,
              };
            }),
      ),
    [modules, shown, baseNs, start, end, div],
  );
  return (
    <section className="panel" data-testid="module-memory">
      <h2>
        {t('memory:reserved_memory_by_cann_module')}{' '}
        <span className="muted">{t('memory:npu_module_mem_csv')}</span>
      </h2>
      <Legend
        items={modules.map((m, i) => ({
          key: m.name,
          label: `${m.name} ${formatMB(m.peak)}`,
          color: colorOf(i),
          off: !shown.has(m.name),
        }))}
        onToggle={(k) => setShown((s) => toggled(s, k))}
      />
      {zero > 0 && <p className="muted small">{t('memory:modules_at_zero', { count: zero })}</p>}
      <WindowChart
        chart={c}
        series={build}
        height={220}
        formatY={unit.format}
        ariaLabel={t('memory:reserved_memory_per_cann_module_over')}
        testId="module-chart"
      />
    </section>
  );
}
