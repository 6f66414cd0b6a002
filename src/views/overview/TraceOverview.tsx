/** Overview of a plain trace: counts, busiest processes, slice names by total time. */
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { traceOverviewCached } from '../../model/views/trace-overview';
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
          <div className="kpi-title">Span</div>
          <button type="button" className="kpi-value link" onClick={openTimeline}>
            {formatDuration(o.spanNs)}
          </button>
          <div className="muted small">{wallClock(trace.baseNs) ?? 'trace time'}</div>
        </section>
        <Count title="Processes" value={o.processes} onClick={openTimeline} />
        <Count title="Threads" value={o.threads} onClick={openTimeline} />
        <Count title="Slices" value={o.slices} onClick={openTimeline} />
        <Count title="Flows" value={o.flows} onClick={openTimeline} />
        <Count title="Counter tracks" value={o.counterTracks} onClick={openTimeline} />
      </div>
      <div className="overview-grid">
        <section className="panel" data-testid="top-slices">
          <h2>
            Slice names by total time{' '}
            <span className="muted">— click a name to find it on the timeline</span>
          </h2>
          {o.topNames.length === 0 ? (
            <p className="muted">The trace has no slices.</p>
          ) : (
            <SummaryTable
              rows={o.topNames}
              rowKey={(n) => n.name}
              columns={[
                {
                  label: 'Name',
                  kind: 'name',
                  cell: (n) => (
                    <ItemLink name={n.name} onClick={() => search(n.name)} testId="top-slice" />
                  ),
                },
                { label: 'Count', kind: 'num', cell: (n) => formatCount(n.count) },
                { label: 'Total', kind: 'num', cell: (n) => formatDuration(n.totalNs) },
                { label: 'Self', kind: 'num', cell: (n) => formatDuration(n.selfNs) },
                { label: 'Max', kind: 'num', cell: (n) => formatDuration(n.maxNs) },
                {
                  label: 'Of the span',
                  kind: 'share',
                  cell: (n) => <ShareBar value={o.spanNs > 0 ? n.totalNs / o.spanNs : 0} />,
                },
              ]}
            />
          )}
        </section>
        <section className="panel" data-testid="top-processes">
          <h2>
            Busiest processes{' '}
            <span className="muted">
              — busy: time at least one of its threads is in a slice (union over threads); thread
              time: summed over threads
            </span>
          </h2>
          <SummaryTable
            rows={o.topProcesses}
            rowKey={(p) => p.index}
            columns={[
              {
                label: 'Process',
                kind: 'name',
                cell: (p) => (
                  <span title={`${p.label} (pid ${p.pid})`}>
                    {p.label} <span className="muted">pid {p.pid}</span>
                  </span>
                ),
              },
              { label: 'Threads', kind: 'num', cell: (p) => formatCount(p.threads) },
              { label: 'Slices', kind: 'num', cell: (p) => formatCount(p.slices) },
              { label: 'Busy', kind: 'num', cell: (p) => formatDuration(p.busyNs) },
              { label: 'Thread time', kind: 'num', cell: (p) => formatDuration(p.threadNs) },
              {
                label: 'Relative',
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
