/** Overview of a plain trace: counts, busiest processes, slice names by total time. */
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { traceOverviewCached } from '../../model/views/trace-overview';
import { useAppStoreApi } from '../../store/use-app-store';
import { ShareBar } from '../common/ShareBar';
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
            <table className="grid compact">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Count</th>
                  <th className="num">Total</th>
                  <th className="num">Self</th>
                  <th className="num">Max</th>
                  <th className="share-col">Of the span</th>
                </tr>
              </thead>
              <tbody>
                {o.topNames.map((n) => (
                  <tr key={n.name}>
                    <td className="name-cell">
                      <button
                        type="button"
                        className="link"
                        onClick={() => search(n.name)}
                        data-testid="top-slice"
                      >
                        {n.name || '(no name)'}
                      </button>
                    </td>
                    <td className="num">{formatCount(n.count)}</td>
                    <td className="num">{formatDuration(n.totalNs)}</td>
                    <td className="num">{formatDuration(n.selfNs)}</td>
                    <td className="num">{formatDuration(n.maxNs)}</td>
                    <td className="share-col">
                      <ShareBar value={o.spanNs > 0 ? n.totalNs / o.spanNs : 0} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" data-testid="top-processes">
          <h2>
            Busiest processes{' '}
            <span className="muted">— top-level slice time summed over threads</span>
          </h2>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Process</th>
                <th className="num">Threads</th>
                <th className="num">Slices</th>
                <th className="num">Busy</th>
                <th className="share-col">Relative</th>
              </tr>
            </thead>
            <tbody>
              {o.topProcesses.map((p) => (
                <tr key={p.index}>
                  <td className="name-cell">
                    <span title={`${p.label} (pid ${p.pid})`}>
                      {p.label} <span className="muted">pid {p.pid}</span>
                    </span>
                  </td>
                  <td className="num">{formatCount(p.threads)}</td>
                  <td className="num">{formatCount(p.slices)}</td>
                  <td className="num">{formatDuration(p.busyNs)}</td>
                  <td
                    className="share-col"
                    title={formatPercent(busiest > 0 ? p.busyNs / busiest : 0)}
                  >
                    <span className="share-bar">
                      <span
                        className="share-fill"
                        style={{ width: `${busiest > 0 ? (p.busyNs / busiest) * 100 : 0}%` }}
                      />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
