/** Overview of a plain trace: counts, busiest processes, slice names by total time. */
import { t } from '../../i18n/t';
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { traceOverviewCached } from '../../model/derive/trace-overview';
import { processTitle } from '../common/track-labels';
import { useAppStoreApi } from '../../store/use-app-store';
import { RelativeBar, ShareBar } from '../common/ShareBar';
import { ItemLink, SummaryTable } from './SummaryTable';
import { wallClock } from './wall-clock';

export function TraceOverviewPanel({ trace }: { profile: ProfileModel; trace: TraceModel }) {
  const store = useAppStoreApi();
  const o = traceOverviewCached(trace);
  const search = (name: string) => {
    const st = store.getState();
    st.setSearchQuery(name);
    st.setTab('timeline');
  };
  const openTimeline = () => {
    store.getState().resetView();
    store.getState().setTab('timeline');
  };
  const busiest = o.topProcesses[0]?.busyNs ?? 0;
  return (
    <>
      <div className="kpis">
        <section className="kpi" data-testid="kpi-span">
          <div className="kpi-title">{t('overview:span')}</div>
          <button type="button" className="kpi-value link" onClick={openTimeline}>
            {formatDuration(o.spanNs)}
          </button>
          <div className="muted small">{wallClock(trace.baseNs) ?? t('overview:trace_time')}</div>
        </section>
        <Count title={t('overview:processes')} value={o.processes} onClick={openTimeline} />
        <Count title={t('overview:threads')} value={o.threads} onClick={openTimeline} />
        <Count title={t('overview:slices')} value={o.slices} onClick={openTimeline} />
        <Count title={t('overview:flows')} value={o.flows} onClick={openTimeline} />
        <Count
          title={t('overview:counter_tracks')}
          value={o.counterTracks}
          onClick={openTimeline}
        />
      </div>
      <div className="overview-grid">
        <section className="panel" data-testid="top-slices">
          <h2>
            {t('overview:slice_names_by_total_time')}{' '}
            <span className="muted">{t('overview:click_a_name_to_find_it')}</span>
          </h2>
          {o.topNames.length === 0 ? (
            <p className="muted">{t('overview:the_trace_has_no_slices')}</p>
          ) : (
            <SummaryTable
              rows={o.topNames}
              rowKey={(n) => n.name}
              columns={[
                {
                  label: t('overview:name'),
                  kind: 'name',
                  cell: (n) => (
                    <ItemLink name={n.name} onClick={() => search(n.name)} testId="top-slice" />
                  ),
                },
                {
                  label: t('operators:calls'),
                  title: (n) => t('operators:calls_title', { nested: n.nestedCount }),
                  kind: 'num',
                  cell: (n) => formatCount(n.count),
                },
                { label: t('overview:total'), kind: 'num', cell: (n) => formatDuration(n.totalNs) },
                { label: t('overview:self'), kind: 'num', cell: (n) => formatDuration(n.selfNs) },
                { label: t('overview:max'), kind: 'num', cell: (n) => formatDuration(n.maxNs) },
                {
                  label: t('overview:of_the_span'),
                  kind: 'share',
                  cell: (n) => <ShareBar value={o.spanNs > 0 ? n.totalNs / o.spanNs : 0} />,
                },
              ]}
            />
          )}
        </section>
        <section className="panel" data-testid="top-processes">
          <h2>
            {t('overview:busiest_processes')}{' '}
            <span className="muted">{t('overview:busy_time_at_least_one_of')}</span>
          </h2>
          <SummaryTable
            rows={o.topProcesses}
            rowKey={(p) => p.index}
            columns={[
              {
                label: t('overview:process'),
                kind: 'name',
                cell: (p) => (
                  <span
                    title={`${processTitle(trace.processes[p.index])} ${t('overview:pid')} ${p.pid})`}
                  >
                    {processTitle(trace.processes[p.index])}{' '}
                    <span className="muted">
                      {t('overview:pid_2')} {p.pid}
                    </span>
                  </span>
                ),
              },
              { label: t('overview:threads'), kind: 'num', cell: (p) => formatCount(p.threads) },
              { label: t('overview:slices'), kind: 'num', cell: (p) => formatCount(p.slices) },
              { label: t('overview:busy_2'), kind: 'num', cell: (p) => formatDuration(p.busyNs) },
              {
                label: t('overview:thread_time'),
                kind: 'num',
                cell: (p) => formatDuration(p.threadNs),
              },
              {
                label: t('overview:relative'),
                kind: 'share',
                title: (p) => formatPercent(busiest > 0 ? p.busyNs / busiest : 0),
                cell: (p) => <RelativeBar value={p.busyNs} max={busiest} />,
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}

function Count({ title, value, onClick }: { title: string; value: number; onClick: () => void }) {
  return (
    <section className="kpi">
      <div className="kpi-title">{title}</div>
      <button type="button" className="kpi-value link" onClick={onClick}>
        {formatCount(value)}
      </button>
    </section>
  );
}
