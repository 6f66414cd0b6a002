/**
 * Collectives found in the trace itself (analysis layer): Ascend `hcom_*` ops on the HCCL /
 * Communication process, or NCCL kernels in a Kineto trace. Per op: start on the timeline,
 * duration, and the time compute kernels ran during it (HTA's comm/comp overlap, per op). Shown
 * when the folder has no communication.json; a click selects the op on the timeline.
 */
import { formatDuration, formatPercent } from '../../lib/format';
import type { Collective } from '../../model/analysis/breakdown';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { useAppStoreApi } from '../../store/use-app-store';
import { showSlice } from '../common/navigate';

export function TraceCollectives({
  profile,
  trace,
  ops,
  source,
}: {
  profile: ProfileModel;
  trace: TraceModel;
  ops: readonly Collective[];
  source: string;
}) {
  const store = useAppStoreApi();
  const total = ops.reduce((a, o) => a + o.durNs, 0);
  const overlap = ops.reduce((a, o) => a + o.overlapNs, 0);
  return (
    <div className="view scroll" data-testid="communication-view">
      <header className="view-header">
        <h1>Communication</h1>
        <span className="source-note" data-testid="source-note">
          From {source === 'db' ? 'the profiler db’s timeline' : 'the trace'}: communication ops
          (Ascend hcom_* ops, NCCL kernels); overlap = time compute kernels ran during the op
        </span>
      </header>
      <p className="muted small" data-testid="collectives-summary">
        {ops.length} ops · {formatDuration(total)} in communication ·{' '}
        {formatPercent(total > 0 ? overlap / total : 0)} overlapped by compute. No
        communication.json: bandwidth, wait and transit need it.
      </p>
      <table className="grid compact" data-testid="trace-collectives">
        <thead>
          <tr>
            <th>Op</th>
            <th className="num">Start on timeline</th>
            <th className="num">Duration</th>
            <th className="num" title="|op ∩ compute kernels|">
              Overlapped by compute
            </th>
            <th className="num">Overlap ratio</th>
          </tr>
        </thead>
        <tbody>
          {ops.slice(0, 2000).map((o) => (
            <tr
              key={`${o.track}:${o.index}`}
              className="clickable"
              onClick={() =>
                showSlice(
                  store,
                  profile.descriptor.id,
                  trace,
                  { track: o.track, index: o.index },
                  true,
                )
              }
            >
              <td className="mono">{o.name}</td>
              <td className="num">{formatDuration(o.startNs)}</td>
              <td className="num">{formatDuration(o.durNs)}</td>
              <td className="num">{formatDuration(o.overlapNs)}</td>
              <td className="num">{formatPercent(o.durNs > 0 ? o.overlapNs / o.durNs : 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
