/**
 * Overview: the landing summary of the active profile. For a profiler folder: capture span,
 * device busy vs free, compute vs communication, the top kernels and operators, kernels per
 * accelerator core and which data the folder has. Every figure links to the view it comes from.
 * For a plain trace: its size and the slice names that take the most time.
 */
import type { ReactNode } from 'react';
import { PRODUCED_BY } from '../../import/file-kinds';
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import { analyzeProfile } from '../../model/analysis/analyze';
import { overviewFiguresCached, type DeviceTime } from '../../model/ascend/overview';
import type { ProfileModel } from '../../model/profile';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import type { ViewTab } from '../../store/ui-slice';
import { RelativeBar, ShareBar } from '../common/ShareBar';
import { sourceLabel } from '../common/SourceNote';
import { KERNEL_COLUMN } from '../kernels/kernel-columns';
import { OPERATOR_COLUMN } from '../operators/operator-columns';
import { ItemLink, SummaryTable } from './SummaryTable';
import { TraceOverviewPanel } from './TraceOverview';
import { wallClock } from './wall-clock';
import '../views.css';
import './overview.css';

export function OverviewView() {
  const profile = useAppStore(selectActiveProfile);
  if (!profile) return null;
  const a = profile.ascend;
  const analysis = analyzeProfile(profile);
  const hasAscend =
    a.kernels ||
    a.steps ||
    a.operators ||
    a.communication ||
    a.memory ||
    a.moduleMemory ||
    analysis.kernels ||
    analysis.operators;
  return (
    <div className="view scroll overview" data-testid="overview-view">
      <ProfileHeader profile={profile} />
      {hasAscend ? (
        <AscendOverview profile={profile} />
      ) : profile.trace ? (
        <TraceOverviewPanel profile={profile} trace={profile.trace} />
      ) : (
        <p className="muted">
          Nothing to summarise: this profile has neither a trace nor profiler tables.
        </p>
      )}
    </div>
  );
}

function ProfileHeader({ profile }: { profile: ProfileModel }) {
  const d = profile.descriptor;
  const info = profile.ascend.profilerInfo;
  const facts = [
    d.kind === 'ascend' ? 'profiler folder' : 'trace file',
    info?.level ?? d.level,
    d.rank !== null ? `rank ${d.rank}` : null,
    info?.aicMetrics
      ? info.aicMetrics
          .replace(/^ACL_AICORE_/, 'AI Core metrics ')
          .replace(/_/g, ' ')
          .toLowerCase()
      : null,
    info?.exportType.length ? `export ${info.exportType.join(', ')}` : null,
    info?.torchNpuVersion ? `torch_npu ${info.torchNpuVersion}` : null,
    info?.cannVersion ? `CANN ${info.cannVersion}` : null,
  ].filter((x): x is string => !!x);
  return (
    <header className="view-header">
      <h1>{d.label}</h1>
      <span className="muted">{facts.join(' · ')}</span>
    </header>
  );
}

const DEVICE_SOURCE: Record<DeviceTime['source'], string> = {
  trace: 'the trace’s Overlap Analysis lanes',
  steps: 'step_trace_time.csv',
  events:
    'the trace’s device events (busy = compute ∪ exposed communication, free = rest of the span from the first to the last device event)',
  kernels: 'kernel intervals (no Overlap Analysis)',
};

/** "kernel_details", "the trace", "the profiler db": where a top table came from. */
function fromWhere(source: string | null, file: string): string {
  if (source === 'trace') return 'the trace';
  if (source === 'db') return 'the profiler db';
  return source ?? file;
}

function AscendOverview({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const f = overviewFiguresCached(profile);
  const open = (tab: ViewTab) => store.getState().setTab(tab);
  const openKernels = (column: string, value: string) =>
    store
      .getState()
      .openTable('kernels', 'kernels', { focus: [{ column, value }], groupBy: '', filter: '' });
  const openOperators = (value: string) =>
    store.getState().openTable('operators', 'operators', {
      focus: [{ column: OPERATOR_COLUMN.name, value }],
      groupBy: '',
      filter: '',
    });
  const dev = f.device;
  const span = f.span;
  const kernelCount = f.cores.reduce((a, c) => a + c.count, 0);
  const kernelNs = f.cores.reduce((a, c) => a + c.totalNs, 0);
  const opTotal = f.topOperators.reduce((a, o) => Math.max(a, o.deviceTotalNs), 0);
  return (
    <>
      <div className="kpis">
        <Kpi
          title="Capture"
          testId="kpi-span"
          value={span ? formatDuration(span.durationNs) : '–'}
          onClick={
            span
              ? () => {
                  store.getState().resetView();
                  open('timeline');
                }
              : undefined
          }
          linkLabel="Open the timeline"
        >
          {span && (
            <div className="muted small">
              {wallClock(span.startNs) ?? `from ${span.startNs} ns`}
              {span.source === 'kernels' && ' (first to last kernel)'}
            </div>
          )}
        </Kpi>
        <Kpi
          title="Device busy"
          testId="kpi-busy"
          value={dev ? formatPercent(dev.busyUs / Math.max(1e-9, dev.busyUs + dev.freeUs)) : '–'}
          onClick={dev ? () => open('steps') : undefined}
          linkLabel="Open the step breakdown"
        >
          {dev && (
            <>
              <Bars
                parts={[
                  { label: 'Busy', value: dev.busyUs, color: 'var(--seg-compute)' },
                  { label: 'Free', value: dev.freeUs, color: 'var(--seg-free)' },
                ]}
              />
              <div className="muted small">
                busy {formatDuration(dev.busyUs * 1000)} · free {formatDuration(dev.freeUs * 1000)}
              </div>
            </>
          )}
        </Kpi>
        <Kpi
          title="Exposed communication"
          testId="kpi-comm"
          value={
            dev ? formatPercent(dev.communicationNotOverlappedUs / Math.max(1e-9, dev.busyUs)) : '–'
          }
          onClick={
            dev
              ? () =>
                  open(
                    profile.ascend.communication || profile.ascend.commMatrix
                      ? 'communication'
                      : 'steps',
                  )
              : undefined
          }
          linkLabel="Open communication"
        >
          {dev && (
            <>
              <Bars
                parts={[
                  {
                    label: 'Computing only',
                    value: Math.max(0, dev.computingUs - dev.overlappedUs),
                    color: 'var(--seg-compute)',
                  },
                  { label: 'Overlapped', value: dev.overlappedUs, color: 'var(--seg-overlapped)' },
                  {
                    label: 'Communication not overlapped',
                    value: dev.communicationNotOverlappedUs,
                    color: 'var(--seg-comm)',
                  },
                ]}
              />
              <div className="muted small">
                of busy time waits on communication · compute{' '}
                {formatDuration(dev.computingUs * 1000)} · comm.{' '}
                {formatDuration(dev.communicationUs * 1000)} (
                {formatDuration(dev.overlappedUs * 1000)} hidden by compute)
              </div>
            </>
          )}
        </Kpi>
        <Kpi
          title="Kernels"
          testId="kpi-kernels"
          value={f.kernelsSource ? formatCount(kernelCount) : '–'}
          onClick={
            f.kernelsSource
              ? () =>
                  store
                    .getState()
                    .openTable('kernels', 'kernels', { focus: [], groupBy: '', filter: '' })
              : undefined
          }
          linkLabel="Open the kernel table"
        >
          {f.kernelsSource && (
            <div className="muted small">
              {formatDuration(kernelNs)} of kernel time on {f.cores.length}{' '}
              {f.kernelsSource === 'trace' ? 'kinds' : 'core types'}
            </div>
          )}
        </Kpi>
      </div>
      {dev && (
        <p className="muted small caption">Device figures from {DEVICE_SOURCE[dev.source]}.</p>
      )}
      <div className="overview-grid">
        {f.topKernels.length > 0 && (
          <section className="panel" data-testid="top-kernels">
            <h2>
              Top kernels by total time{' '}
              <span className="muted">
                — {fromWhere(f.kernelsSource, 'kernel_details')}, grouped by name
              </span>
            </h2>
            <SummaryTable
              rows={f.topKernels}
              rowKey={(k) => k.key}
              columns={[
                {
                  label: 'Kernel',
                  kind: 'name',
                  cell: (k) => (
                    <ItemLink
                      name={k.parts[0]!}
                      title={`Show the ${k.count} ${k.parts[0]} kernels`}
                      onClick={() => openKernels(KERNEL_COLUMN.name, k.parts[0]!)}
                      testId="top-kernel"
                    />
                  ),
                },
                { label: 'Count', kind: 'num', cell: (k) => formatCount(k.count) },
                { label: 'Total', kind: 'num', cell: (k) => formatDuration(k.totalNs) },
                { label: 'Avg', kind: 'num', cell: (k) => formatDuration(k.avgNs) },
                {
                  label: 'Share of kernel time',
                  kind: 'share',
                  cell: (k) => <ShareBar value={k.share} />,
                },
              ]}
            />
          </section>
        )}
        {f.topOperators.length > 0 && (
          <section className="panel" data-testid="top-operators">
            <h2>
              Top operators by device time{' '}
              <span
                className="muted"
                title="Device total counts a call once when a same-name op is nested inside it"
              >
                — {fromWhere(f.operatorsSource, 'operator_details')}, grouped by name (nested
                same-name calls counted once)
              </span>
            </h2>
            <SummaryTable
              rows={f.topOperators}
              rowKey={(o) => o.name}
              columns={[
                {
                  label: 'Operator',
                  kind: 'name',
                  cell: (o) => (
                    <ItemLink
                      name={o.name}
                      title={`Show the ${o.count} ${o.name} calls`}
                      onClick={() => openOperators(o.name)}
                      testId="top-operator"
                    />
                  ),
                },
                { label: 'Count', kind: 'num', cell: (o) => formatCount(o.count) },
                {
                  label: 'Device total',
                  kind: 'num',
                  cell: (o) => formatDuration(o.deviceTotalNs),
                },
                { label: 'Host total', kind: 'num', cell: (o) => formatDuration(o.hostTotalNs) },
                {
                  label: 'Device total (relative)',
                  kind: 'share',
                  cell: (o) => <RelativeBar value={o.deviceTotalNs} max={opTotal} />,
                },
              ]}
            />
          </section>
        )}
        {f.cores.length > 0 && (
          <section className="panel" data-testid="kernel-cores">
            <h2>
              Kernels by accelerator core <span className="muted">— count and summed time</span>
            </h2>
            <SummaryTable
              rows={f.cores}
              rowKey={(c) => c.core}
              columns={[
                {
                  label: 'Accelerator core',
                  kind: 'plain',
                  cell: (c) => (
                    <ItemLink
                      name={c.core}
                      empty="N/A"
                      onClick={() => openKernels(KERNEL_COLUMN.core, c.core)}
                      testId="core-link"
                    />
                  ),
                },
                { label: 'Kernels', kind: 'num', cell: (c) => formatCount(c.count) },
                { label: 'Time', kind: 'num', cell: (c) => formatDuration(c.totalNs) },
                {
                  label: 'Share of kernel time',
                  kind: 'share',
                  cell: (c) => <ShareBar value={kernelNs > 0 ? c.totalNs / kernelNs : 0} />,
                },
              ]}
            />
          </section>
        )}
        <DataAvailability profile={profile} />
      </div>
    </>
  );
}

function Kpi(p: {
  title: string;
  value: string;
  onClick?: () => void;
  linkLabel: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <section className="kpi" data-testid={p.testId}>
      <div className="kpi-title">{p.title}</div>
      {p.onClick ? (
        <button type="button" className="kpi-value link" onClick={p.onClick} title={p.linkLabel}>
          {p.value}
        </button>
      ) : (
        <div className="kpi-value">{p.value}</div>
      )}
      {p.children}
    </section>
  );
}

function Bars({ parts }: { parts: { label: string; value: number; color: string }[] }) {
  const total = parts.reduce((a, p) => a + Math.max(0, p.value), 0) || 1;
  return (
    <div
      className="kpi-bar"
      role="img"
      aria-label={parts.map((p) => `${p.label} ${formatPercent(p.value / total)}`).join(', ')}
    >
      {parts.map((p) => (
        <span
          key={p.label}
          title={`${p.label}: ${formatPercent(p.value / total)}`}
          style={{ width: `${(Math.max(0, p.value) / total) * 100}%`, background: p.color }}
        />
      ))}
    </div>
  );
}

type DataKey = Exclude<keyof ProfileModel['ascend'], 'sources'>;

const VIEWS: { tab: ViewTab; label: string; parts: { key: DataKey; file: string }[] }[] = [
  { tab: 'kernels', label: 'Kernels', parts: [{ key: 'kernels', file: 'kernel_details.csv' }] },
  {
    tab: 'operators',
    label: 'Operators',
    parts: [{ key: 'operators', file: 'operator_details.csv' }],
  },
  { tab: 'steps', label: 'Steps', parts: [{ key: 'steps', file: 'step_trace_time.csv' }] },
  {
    tab: 'communication',
    label: 'Communication',
    parts: [
      { key: 'communication', file: 'communication.json' },
      { key: 'commMatrix', file: 'communication_matrix.json' },
    ],
  },
  {
    tab: 'memory',
    label: 'Memory',
    parts: [
      { key: 'memory', file: 'memory_record.csv' },
      { key: 'moduleMemory', file: 'npu_module_mem.csv' },
      { key: 'operatorMemory', file: 'operator_memory.csv' },
    ],
  },
  {
    tab: 'statistics',
    label: 'Statistics',
    parts: [
      { key: 'statistics', file: 'op_statistic.csv' },
      { key: 'statistics', file: 'api_statistic.csv' },
      { key: 'statistics', file: 'l2_cache.csv' },
    ],
  },
];

/** Which views have data, where it came from, and why the others are empty. */
function DataAvailability({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const a = profile.ascend;
  const analysis = analyzeProfile(profile);
  const fromTrace = (src: string | undefined) =>
    src === 'db' ? 'from the profiler db’s timeline' : 'from the trace';
  /** Views the analysis layer fills from the trace when the side file is absent. */
  const derived: Partial<Record<DataKey, string>> = {};
  if (!a.kernels && analysis.kernels) derived.kernels = fromTrace(analysis.kernels.source);
  if (!a.operators && analysis.operators) derived.operators = fromTrace(analysis.operators.source);
  if (!a.steps && analysis.trace?.steps.some((s) => s.events > 0))
    derived.steps = fromTrace(analysis.traceSource);
  if (!a.communication && analysis.trace && analysis.trace.collectives.length > 0)
    derived.communication = fromTrace(analysis.traceSource);
  return (
    <section className="panel" data-testid="data-availability">
      <h2>
        Data in this folder <span className="muted">— what each view reads</span>
      </h2>
      <ul className="avail">
        {VIEWS.map((v) => {
          const has = (p: { key: DataKey; file: string }) =>
            p.key === 'statistics' ? a.statistics?.[p.file] !== undefined : a[p.key] !== undefined;
          const viaTrace = v.parts.map((p) => derived[p.key]).find((x) => x !== undefined);
          if (viaTrace) {
            return (
              <li key={v.tab} className="ok">
                <span className="avail-mark" aria-hidden>
                  ●
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => store.getState().setTab(v.tab)}
                >
                  {v.label}
                </button>
                <span className="muted"> {viaTrace}</span>
              </li>
            );
          }
          const present = [...new Set(v.parts.filter(has).map((p) => p.key))];
          const missingFiles = v.parts.filter((p) => !has(p)).map((p) => p.file);
          return (
            <li key={v.tab} className={present.length ? 'ok' : 'none'}>
              <span className="avail-mark" aria-hidden>
                {present.length ? '●' : '○'}
              </span>
              <button type="button" className="link" onClick={() => store.getState().setTab(v.tab)}>
                {v.label}
              </button>
              <span className="muted">
                {present.length
                  ? ` ${(v.tab === 'statistics'
                      ? Object.keys(a.statistics ?? {})
                      : present.map((k) => sourceLabel(a.sources, k))
                    )
                      .filter(Boolean)
                      .join(' · ')}`
                  : ''}
              </span>
              {missingFiles.length > 0 && (
                <div className="avail-missing small">
                  {missingFiles.map((f) => (
                    <div key={f}>
                      no <code>{f}</code>
                      {PRODUCED_BY[f] ? ` — ${PRODUCED_BY[f]}` : ''}
                    </div>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
