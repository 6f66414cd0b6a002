/**
 * Collectives found in the trace itself (analysis layer): Ascend `hcom_*` ops on the HCCL /
 * Communication process, or NCCL kernels in a Kineto trace. Per op: start on the timeline,
 * duration, and the time compute kernels ran during it (HTA's comm/comp overlap, per op). Shown
 * when the folder has no communication.json; a click selects the op on the timeline.
 */
import { t } from '../../i18n/t';
import { formatDuration, formatPercent } from '../../lib/format';
import type { Collective } from '../../model/analysis/breakdown';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { useAppStoreApi } from '../../store/use-app-store';
import { producedBySentence } from '../common/MissingData';
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
  const level =
    profile.descriptor.kind === 'ascend'
      ? (profile.ascend.profilerInfo?.level ?? profile.descriptor.level)
      : null;
  const total = ops.reduce((a, o) => a + o.durNs, 0);
  const overlap = ops.reduce((a, o) => a + o.overlapNs, 0);
  return (
    <div className="view scroll" data-testid="communication-view">
      <header className="view-header">
        <h1>{t('communication:communication')}</h1>
        <span className="source-note" data-testid="source-note">
          {t('communication:from')}{' '}
          {source === 'db'
            ? t('communication:the_profiler_db_s_timeline')
            : t('communication:the_trace')}
          {t('communication:communication_ops_ascend_hcom_ops_nccl')}
        </span>
      </header>
      <p className="muted small" data-testid="collectives-summary">
        {ops.length} {t('communication:ops')} {formatDuration(total)}{' '}
        {t('communication:in_communication')} {formatPercent(total > 0 ? overlap / total : 0)}{' '}
        {t('communication:overlapped_by_compute')}
      </p>
      <div className="recon warn" role="note" data-testid="missing-data">
        {t('communication:no_communication_json_so_bandwidth_wait')}{' '}
        {producedBySentence('communication.json')}
        {level && ` ${t('communication:this_profile_was_captured_at')} ${level}.`}
      </div>
      <table className="grid compact" data-testid="trace-collectives">
        <thead>
          <tr>
            <th>{t('communication:op')}</th>
            <th className="num">{t('communication:start_on_timeline')}</th>
            <th className="num">{t('communication:duration')}</th>
            <th className="num" title={t('communication:op_compute_kernels')}>
              {t('communication:overlapped_by_compute_2')}
            </th>
            <th className="num">{t('communication:overlap_ratio')}</th>
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
