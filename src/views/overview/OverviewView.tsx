/**
 * Overview: the landing summary of the active profile. For a profiler folder: capture span,
 * device busy vs free, compute vs communication, the top kernels and operators, kernels per
 * accelerator core and which data the folder has. Every figure links to the view it comes from.
 * For a plain trace: its size and the slice names that take the most time.
 */
import { t } from '../../i18n/t';
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import { analyzeProfile } from '../../model/analysis/analyze';
import { overviewFiguresCached, type DeviceTime } from '../../model/ascend/overview';
import type { ProfileModel } from '../../model/profile';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import type { ViewTab } from '../../store/ui-slice';
import { RelativeBar, ShareBar } from '../common/ShareBar';
import { KERNEL_COLUMN } from '../kernels/kernel-columns';
import { OPERATOR_COLUMN } from '../operators/operator-columns';
import { ItemLink, SummaryTable } from './SummaryTable';
import { DataAvailability } from './DataAvailability';
import { Bars, Kpi } from './Kpi';
import { TraceOverviewPanel } from './TraceOverview';
import { wallClock } from './wall-clock';
import { TraceMetadataBlock } from '../import-report/TraceMetadata';
import { AdvisorBadge } from '../advisor/AdvisorBadge';
import { CrossCheckStatus } from './CrossCheckStatus';
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
      <TraceMetadataBlock trace={profile.trace} />
      <AdvisorBadge profile={profile} />
      <CrossCheckStatus profile={profile} />
      {hasAscend ? (
        <AscendOverview profile={profile} />
      ) : profile.trace ? (
        <TraceOverviewPanel profile={profile} trace={profile.trace} />
      ) : (
        <p className="muted">{t('overview:nothing_to_summarise_this_profile_has')}</p>
      )}
    </div>
  );
}

function ProfileHeader({ profile }: { profile: ProfileModel }) {
  const d = profile.descriptor;
  const info = profile.ascend.profilerInfo;
  const facts = [
    d.kind === 'ascend' ? t('overview:kind_profiler_folder') : t('overview:kind_trace_file'),
    info?.level ?? d.level,
    d.rank !== null ? t('overview:rank_n', { rank: d.rank }) : null,
    info?.aicMetrics ? aicMetricsText(info.aicMetrics) : null,
    info?.exportType.length
      ? t('overview:export_type', { types: info.exportType.join(', ') })
      : null,
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

/** `ACL_AICORE_PIPE_UTILIZATION` → "ai core metrics pipe utilization" (the value as written). */
function aicMetricsText(raw: string): string {
  const value = raw
    .replace(/^ACL_AICORE_/, '')
    .replace(/_/g, ' ')
    .toLowerCase();
  return raw.startsWith('ACL_AICORE_') ? t('overview:aic_metrics', { value }) : value;
}

/** Where the device figures came from, in the interface language. */
function deviceSource(source: DeviceTime['source']): string {
  if (source === 'trace') return t('overview:device_source_trace');
  if (source === 'steps') return 'step_trace_time.csv';
  if (source === 'events') return t('overview:device_source_events');
  return t('overview:device_source_kernels');
}

/** "kernel_details", "the trace", "the profiler db": where a top table came from. */
function fromWhere(source: string | null, file: string): string {
  if (source === 'trace') return t('overview:source_the_trace');
  if (source === 'db') return t('overview:source_the_db');
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
          title={t('overview:capture')}
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
          linkLabel={t('overview:open_the_timeline')}
        >
          {span && (
            <div className="muted small">
              {wallClock(span.startNs) ?? `${t('overview:from')} ${span.startNs} ns`}
              {span.source === 'kernels' && ' ' + t('overview:first_to_last_kernel')}
            </div>
          )}
        </Kpi>
        <Kpi
          title={t('overview:compute_or_comm')}
          testId="kpi-busy"
          value={dev ? formatPercent(dev.busyUs / Math.max(1e-9, dev.busyUs + dev.freeUs)) : '–'}
          onClick={dev ? () => open('steps') : undefined}
          linkLabel={t('overview:open_the_step_breakdown')}
        >
          {dev && (
            <>
              <Bars
                parts={[
                  {
                    label: t('overview:compute_or_comm_short'),
                    value: dev.busyUs,
                    color: 'var(--seg-compute)',
                  },
                  { label: t('overview:free_2'), value: dev.freeUs, color: 'var(--seg-free)' },
                ]}
              />
              <div className="muted small">
                {t('overview:compute_or_comm_short')} {formatDuration(dev.busyUs * 1000)}{' '}
                {t('overview:free')} {formatDuration(dev.freeUs * 1000)}
              </div>
              <div className="muted small">{t('overview:compute_or_comm_def')}</div>
            </>
          )}
        </Kpi>
        <Kpi
          title={t('overview:exposed_communication')}
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
          linkLabel={t('overview:open_communication')}
        >
          {dev && (
            <>
              <Bars
                parts={[
                  {
                    label: t('overview:computing_only'),
                    value: Math.max(0, dev.computingUs - dev.overlappedUs),
                    color: 'var(--seg-compute)',
                  },
                  {
                    label: t('overview:overlapped'),
                    value: dev.overlappedUs,
                    color: 'var(--seg-overlapped)',
                  },
                  {
                    label: t('overview:communication_not_overlapped'),
                    value: dev.communicationNotOverlappedUs,
                    color: 'var(--seg-comm)',
                  },
                ]}
              />
              <div className="muted small">
                {t('overview:of_busy_time_waits_on_communication')}{' '}
                {formatDuration(dev.computingUs * 1000)} {t('overview:comm')}{' '}
                {formatDuration(dev.communicationUs * 1000)} (
                {formatDuration(dev.overlappedUs * 1000)} {t('overview:hidden_by_compute')}
              </div>
            </>
          )}
        </Kpi>
        <Kpi
          title={t('overview:kernels')}
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
          linkLabel={t('overview:open_the_kernel_table')}
        >
          {f.kernelsSource && (
            <div className="muted small">
              {formatDuration(kernelNs)} {t('overview:of_kernel_time_on')} {f.cores.length}{' '}
              {f.kernelsSource === 'trace' ? t('overview:kinds') : t('overview:core_types')}
            </div>
          )}
        </Kpi>
      </div>
      {dev && (
        <p className="muted small caption">
          {t('overview:device_figures_from')} {deviceSource(dev.source)}.
        </p>
      )}
      <div className="overview-grid">
        {f.topKernels.length > 0 && (
          <section className="panel" data-testid="top-kernels">
            <h2>
              {t('overview:top_kernels_by_total_time')}{' '}
              <span className="muted">
                — {fromWhere(f.kernelsSource, 'kernel_details')}
                {t('overview:grouped_by_name')}
              </span>
            </h2>
            <SummaryTable
              rows={f.topKernels}
              rowKey={(k) => k.key}
              columns={[
                {
                  label: t('overview:kernel'),
                  kind: 'name',
                  cell: (k) => (
                    <ItemLink
                      name={k.parts[0]!}
                      title={`${t('overview:show_the')} ${k.count} ${k.parts[0]} ${t('overview:kernels_2')}`}
                      onClick={() => openKernels(KERNEL_COLUMN.name, k.parts[0]!)}
                      testId="top-kernel"
                    />
                  ),
                },
                { label: t('overview:count'), kind: 'num', cell: (k) => formatCount(k.count) },
                { label: t('overview:total'), kind: 'num', cell: (k) => formatDuration(k.totalNs) },
                { label: t('overview:avg'), kind: 'num', cell: (k) => formatDuration(k.avgNs) },
                {
                  label: t('overview:share_of_kernel_time'),
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
              {t('overview:top_operators_by_device_time')}{' '}
              <span className="muted" title={t('overview:device_total_counts_a_call_once')}>
                — {fromWhere(f.operatorsSource, 'operator_details')}
                {t('overview:grouped_by_name_nested_same_name')}
              </span>
            </h2>
            <SummaryTable
              rows={f.topOperators}
              rowKey={(o) => o.name}
              columns={[
                {
                  label: t('overview:operator'),
                  kind: 'name',
                  cell: (o) => (
                    <ItemLink
                      name={o.name}
                      title={`${t('overview:show_the')} ${o.count} ${o.name} ${t('overview:calls')}`}
                      onClick={() => openOperators(o.name)}
                      testId="top-operator"
                    />
                  ),
                },
                {
                  label: t('operators:calls'),
                  title: (o) => t('operators:calls_title', { nested: o.nestedCount }),
                  kind: 'num',
                  cell: (o) => formatCount(o.count),
                },
                {
                  label: t('overview:device_total'),
                  kind: 'num',
                  cell: (o) => formatDuration(o.deviceTotalNs),
                },
                {
                  label: t('overview:host_total'),
                  kind: 'num',
                  cell: (o) => formatDuration(o.hostTotalNs),
                },
                {
                  label: t('overview:device_total_relative'),
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
              {t('overview:kernels_by')}{' '}
              {f.kernelsSource === 'trace' || f.kernelsSource === 'db'
                ? t('overview:kind')
                : t('overview:accelerator_core')}{' '}
              <span className="muted">{t('overview:count_and_summed_time')}</span>
            </h2>
            <SummaryTable
              rows={f.cores}
              rowKey={(c) => c.core}
              columns={[
                {
                  label: t('overview:accelerator_core_2'),
                  kind: 'plain',
                  cell: (c) => (
                    <ItemLink
                      name={c.core}
                      empty={t('overview:n_a')}
                      onClick={() => openKernels(KERNEL_COLUMN.core, c.core)}
                      testId="core-link"
                    />
                  ),
                },
                { label: t('overview:kernels'), kind: 'num', cell: (c) => formatCount(c.count) },
                { label: t('overview:time'), kind: 'num', cell: (c) => formatDuration(c.totalNs) },
                {
                  label: t('overview:share_of_kernel_time'),
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
