/**
 * Ranks on the timeline and clock offsets: the open ranks (close one to free its memory), and
 * per rank the automatic offset (exact ns; from which files, against which rank), a manual
 * correction, and the offset applied. Offsets are subtracted from a rank's times.
 */
import { t } from '../../i18n/t';
import { useState } from 'react';
import { useSession } from '../../session/session-context';
import type { ClusterModel, OffsetSource } from '../../model/cluster/cluster-model';
import { formatOffsetNs, parseOffsetNs } from '../../model/cluster/offsets';
import { useAppStore } from '../../store/use-app-store';

const SOURCE_TEXT: Record<OffsetSource, string> = {
  reference: 'reference',
  trace: 'traces, exact',
  'communication.json': 'comm.json, µs',
  'cluster_communication.json': 'cluster output, µs',
  none: 'no shared op',
};

export function OffsetsPanel({ model }: { model: ClusterModel }) {
  const controller = useSession();
  const openIds = useAppStore((s) => s.clusterOpenRanks);
  const timeline = useAppStore((s) => s.clusterTimeline);
  const profiles = useAppStore((s) => s.profiles);
  const manual = useAppStore((s) => s.clusterManualOffsets);
  const setManual = useAppStore((s) => s.setRankManualOffset);
  const setTab = useAppStore((s) => s.setTab);
  const openRank = new Map(
    openIds.flatMap((id) => {
      const r = model.ranks.find((x) => x.profileId === id);
      return r ? [[r.rank, id] as const] : [];
    }),
  );
  const hasManual = Object.keys(manual).length > 0;
  return (
    <section className="panel cl-offsets" data-testid="cluster-offsets">
      <h2>
        {t('cluster:timeline_and_clock_offsets')}{' '}
        <span className="muted">{t('cluster:subtracted_from_each_rank_s_times')}</span>
      </h2>
      <div className="cl-open" data-testid="cluster-open-ranks">
        {openIds.length === 0 ? (
          <span className="muted">{t('cluster:no_rank_on_the_timeline_yet')}</span>
        ) : (
          <>
            <span className="cl-open-label">{t('cluster:on_the_timeline_3')}</span>
            {openIds.map((id) => {
              const r = model.ranks.find((x) => x.profileId === id);
              const placed = timeline.find((t) => t.profileId === id);
              const loading = !profiles[id];
              return (
                <span className="cl-chip" key={id} data-testid="cluster-open-chip">
                  <span className="cl-chip-dot" aria-hidden />
                  {t('cluster:rank')} {r?.rank ?? '?'}
                  {r?.host ? <span className="muted"> · {r.host}</span> : null}
                  {loading && <span className="muted"> {t('cluster:loading')}</span>}
                  {placed && (
                    <span className="muted mono">
                      {' '}
                      {formatOffsetNs(BigInt(placed.clockOffsetNs))}
                    </span>
                  )}
                  <button
                    type="button"
                    aria-label={`${t('cluster:close_rank')} ${r?.rank ?? id} ${t('cluster:frees_its_memory')}`}
                    title={t('cluster:take_off_the_timeline_and_free')}
                    onClick={() => controller.closeRank(id)}
                  >
                    ×
                  </button>
                </span>
              );
            })}
            <span className="spacer" />
            <button type="button" className="tt-button" onClick={() => setTab('timeline')}>
              {t('cluster:show_timeline')}
            </button>
            <button type="button" className="tt-button" onClick={() => controller.closeAllRanks()}>
              {t('cluster:close_all')}
            </button>
          </>
        )}
      </div>
      <div className="cl-offsets-table">
        <table className="grid compact" data-testid="cluster-offsets-table">
          <thead>
            <tr>
              <th>{t('cluster:rank_2')}</th>
              <th className="num">{t('cluster:automatic')}</th>
              <th>{t('cluster:from')}</th>
              <th className="num">{t('cluster:manual')}</th>
              <th className="num">{t('cluster:applied')}</th>
            </tr>
          </thead>
          <tbody>
            {model.ranks.map((r) => {
              const o = model.offsets.get(r.rank);
              if (!o) return null;
              return (
                <tr key={r.rank} className={openRank.has(r.rank) ? 'on' : undefined}>
                  <td>
                    {openRank.has(r.rank) && (
                      <span className="cl-chip-dot" title={t('cluster:on_the_timeline')} />
                    )}
                    {r.rank}
                    {r.host && <span className="muted small"> · {r.host}</span>}
                  </td>
                  <td className="num mono">{formatOffsetNs(o.autoNs)}</td>
                  <td
                    className="muted small src"
                    title={
                      o.via !== null && o.via !== r.rank
                        ? `${t('cluster:median_over')} ${o.pairs} ${t('cluster:collective_s_shared_with_rank')} ${o.via}`
                        : undefined
                    }
                  >
                    {SOURCE_TEXT[o.source]}
                  </td>
                  <td className="num">
                    <ManualInput
                      rank={r.rank}
                      value={manual[String(r.rank)] ?? ''}
                      onCommit={(ns) => setManual(r.rank, ns)}
                    />
                  </td>
                  <td className="num mono" data-testid={`cluster-offset-${r.rank}`}>
                    {formatOffsetNs(o.effectiveNs)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="cl-offsets-foot">
        <span className="muted small">{t('cluster:automatic_the_median_gap_between_the')}</span>
        <button
          type="button"
          className="tt-button"
          disabled={!hasManual}
          data-testid="cluster-realign"
          onClick={() => controller.realign()}
        >
          {t('cluster:re_align')}
        </button>
      </div>
    </section>
  );
}

function ManualInput(props: {
  rank: number;
  value: string;
  onCommit: (ns: bigint | null) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? props.value;
  const parsed = text === null ? 0n : parseOffsetNs(text);
  const commit = () => {
    if (text === null) return;
    if (parsed !== null) props.onCommit(parsed);
    setText(null);
  };
  return (
    <input
      className={`cl-offset-input${parsed === null ? ' bad' : ''}`}
      aria-label={`${t('cluster:manual_offset_of_rank')} ${props.rank} (ns)`}
      title={t('cluster:ns_or_with_a_unit_1')}
      placeholder="0"
      inputMode="numeric"
      value={shown}
      data-testid={`cluster-manual-${props.rank}`}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(null);
      }}
    />
  );
}
